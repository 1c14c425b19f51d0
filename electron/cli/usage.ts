export const usage = `enclave — offline LLMOps workbench

Usage: enclave <command> [options]    (every command takes --data-dir DIR, --models-dir DIR and --json)

  models add <file.gguf> [--name N] [--role chat|embedding|judge]
  models list [--role R]
  models inspect <name|id>
  models update <name|id> [--name N] [--role R] [--approval pending|approved|rejected]
  models rename <name|id> <new-name>
  models remove <name|id>
  models scan                        import every .gguf in the models folder
  generate --model <name|id|path> (--prompt P | [--system S] --user U)
           [--max-tokens N] [--temperature T] [--top-p P] [--top-k K] [--seed S] [--stop STR]... [--json-schema FILE]
  settings get | set [--gpu auto|cpu|cuda|vulkan|metal] [--threads auto|N] [--parallel-sequences N] [--context-size N]
  info
  serve [--port P] [--host H]        headless server with the UI (127.0.0.1 by default)

Exit codes: 0 ok, 1 failure, 2 invalid input, 3 not found, 4 invalid or conflicting model, 130 cancelled.
With --json, an error prints {"error":{"code","message"}}.
`;
