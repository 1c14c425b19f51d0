import { datasetsUsage } from './commands/datasets.command.js';
import { evalUsage } from './commands/eval.command.js';
import { bundleUsage } from './commands/bundle.command.js';
import { syncUsage } from './commands/sync.command.js';
import { trustUsage } from './commands/trust.command.js';
import { redteamUsage } from './commands/redteam.command.js';
import { promptsUsage } from './commands/prompts.command.js';
import { routesUsage } from './commands/routes.command.js';
import { usageUsage } from './commands/usage.command.js';
import { openAiApiUsage } from './commands/openai-api.command.js';

export const usage = `enclave — offline LLMOps workbench

Usage: enclave <command> [options]    (every command takes --data-dir DIR, --models-dir DIR and --json, anywhere on the line)

  models add <file.gguf> [--name N] [--role chat|embedding|judge] [--approve [--reason R]]
  models list [--role R] [--active]    --active leaves retired models out
  models inspect <name|id>
  models update <name|id> [--name N] [--role R]
  models rename <name|id> <new-name>
  models approve <name|id> [--reason R]          production paths run approved models only
  models reject <name|id> --reason R [--confirm] rejected models never run; --confirm when collections depend on it
  models retire <name|id> [--reason R] [--confirm]   keep for old runs; nothing new can use or run it
  models reinstate <name|id> [--reason R]
  models usage <name|id>             what refers to the model (collections, prompt versions, protected labels, eval runs)
  models history <name|id>           who imported, approved, rejected, retired it, when and why
  models remove <name|id>            refused (MODEL_IN_USE) while anything refers to it: retire it instead
  models scan                        import every .gguf in the models folder
  generate --model <name|id|path> (--prompt P | [--system S] --user U)
           [--max-tokens N] [--temperature T] [--top-p P] [--top-k K] [--seed S] [--stop STR]... [--json-schema FILE]
  collections create <name> [--embedding-model M] [--answer-model M] [--chunk-tokens N] [--overlap N]
              [--strategy structure|fixed] [--k N] [--mode hybrid|bm25|vector] [--quantization none|int8|binary]
              [--unsupported warn|abstain|review] [--min-supported 0..1]   what an answer too few of whose sentences
              are supported becomes: shown with a warning, replaced by the abstention text, or held for review
  collections list | show <name> | update <name> [same flags] | history <name> | remove <name>
  collections update <name> --review always|unsupported|never   hold answers for a reviewer (all, unsupported or flagged, none)
  review list [--status pending|decided|all] | show <id> | result <id>    the review queue (needs review.decide; result: the requester)
  review approve <id> [--text T --reason R] | reject <id> --reason R    release as generated, edited (reason required) or not at all
  review policy [--prompt NAME always|unsupported|never]                a registry prompt's review policy (tightens the collection's)
  models card <name> [--format md|html|json] [--out FILE] [--versions]   a model card from the registry (versioned by content)
  bias run --model M [--prompt REF] [--attributes gender,age,name,ethnicity,religion,nationality] [--samples N] [--templates 1-4] [--judge J] [--json]
                                     counterfactual prompts; length, refusal, sentiment (and judge score) differences with p-values
  bias list [--model M] | show <id>
  trace record <trace-id> --out FILE   the decision record of an answer (question, user, model, prompt, passages, verdicts, reviews, audit)
  traces list [--since 1h] [--until T] [--user U] [--model M] [--prompt P] [--collection C] [--operation O] [--status ok|error]
              [--min-latency MS] [--feedback up|down|any|none] [--min-score N] [--text WORDS] [--limit N]   traces you may read
  traces show <id> | feedback <id> up|down [--comment T] [--correction T]   one trace with its spans; rate it
  traces export --format otlp-json --out FILE [filters]     an OTLP/JSON ExportTraceServiceRequest for an OpenTelemetry collector
  traces purge [--days N] | retention [--days N]            delete traces past retention now; see or set retention (default 90 days)
  monitor summary [--since 1h] [--until T] [--group-by model|prompt|collection|user|endpoint|operation]   requests, errors,
              P50/P95/P99 latency and first token, tokens, cost, feedback, judge scores (needs monitor.read)
  drift check --baseline A --current B [--threshold 0.1] [--k N] [--embedding-model M] [--operation O]   topic drift of inputs;
              A and B are FROM..TO windows of traffic (14d..7d) or JSONL files of {"text"} lines
  monitor alerts [evaluate]                                 threshold rules (P95, error rate, judge score); evaluate them now
  drift schedule [--enable|--disable] [--threshold N] [--operation O] | schedule run   the weekly check (last 7 days vs the 7 before)
  monitor online [--rate R] [--judge-model M|none] [--criterion T] [--review-below N|none]   a judge scores a share of
              production answers; RAG answers scored below N go to post-release review
  monitor siem get | set udp://H:P|tcp://H:P|https://H/PATH|none [--disable] | test   forward every alert to a SIEM
              (syslog RFC 5424 or a JSON POST; the egress guard admits that host:port alone; needs monitor.manage)
  ingest <paths...> --collection C [--acl user:alice,group:analysts|public] [--tags a,b] [--remove-missing]
  search --collection C "query" [--k 10] [--mode hybrid|bm25|vector] [--format F] [--source PREFIX] [--tag T]
  search --collection C --queries queries.jsonl       one {"id","hits"} line per {"id","query"} line
  ask --collection C "question" [--model M] [--k N] [--prompt name@label]
  documents list [--sort source|format|size|chunks|updated] [--order asc|desc] [--status all|ok|attention] [--query TEXT] [--format F]|show <id>|remove <id> --collection C
           (administrators may add --user U --groups G to see what another user sees)
  metrics score --file pairs.jsonl [--metrics bleu,chrf,chrf++,rouge1,rouge2,rougeL,rougeLsum,meteor,em,f1,ter] [--stem] [--strict]
                                     each line {"id","hypothesis","references":[...]}; per-line and corpus scores
${promptsUsage}
${datasetsUsage}
${evalUsage}
${bundleUsage}
${trustUsage}
${syncUsage}
${redteamUsage}
  guard scan --file lines.jsonl       each line {"id","text"} → {"id","findings","injection","redacted"}
  guard scan --file F --source document   the indirect-injection scanner for ingested/retrieved text (adds "injectionReasons")
  conversations list | show ID [--out FILE] | rename ID TITLE | remove ID   your saved Playground chats
  guard restore --scope ID --text T | --file F    pseudonyms back to their values (needs guard.restore; audited)
  users add <name> [--password-stdin] [--roles analyst,labeler] [--groups g1,g2]
  users list | set-role <name> <roles> | set-groups <name> <groups> | disable <name> | enable <name> | passwd <name>
  users shared-workstation on|off   on: the OS account is not signed in by itself; everyone signs in with a password
  tokens create <name> --permissions P1,P2 [--days N] | list | revoke <id>
  endpoints add NAME URL [--api-key-stdin] [--ca FILE] [--timeout-ms N] [--concurrency N] [--tpm N] [--rpm N] [--discover]
  endpoints list | test NAME | discover NAME | update NAME [URL] [flags] | remove NAME   models appear as NAME/MODEL, pending
${routesUsage}
${usageUsage}
  login --user U      (password from stdin or ENCLAVE_PASSWORD)  |  logout
  audit verify [--json] [--public-key KEY] [--chain-only]     exit 0 when intact, 5 when tampered
  audit verify --file FILE --public-key KEY [--json]         an exported segment, with nothing but the public key
  audit export --out FILE [--since DATE] [--format jsonl|cef]
  audit public-key --out KEY
  audit purge [--days N]                                     retention: payloads go, digests stay
  settings get | set [--gpu auto|cpu|cuda|vulkan|metal] [--threads auto|N] [--parallel-sequences N] [--context-size N]
${openAiApiUsage}
  info
  serve [--port P] [--host H]        headless server with the UI (127.0.0.1 by default)

Exit codes: 0 ok, 1 failure, 2 invalid input, 3 not found, 4 invalid or conflicting model, collection or key,
5 audit trail tampered, 6 not signed in or not allowed, 130 cancelled.
With --json, an error prints {"error":{"code","message"}}.
`;
