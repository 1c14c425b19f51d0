// Offline translation for the `translation` strategy: a small phrase table (our own, word by word), enough to move
// the attack's keywords out of English where an English-only filter looks for them. A local model can do better;
// this keeps the strategy deterministic and network-free.

const spanish: Record<string, string> = {
  ignore: 'ignora', all: 'todas', previous: 'anteriores', instructions: 'instrucciones', your: 'tus', you: 'tú',
  repeat: 'repite', print: 'imprime', secret: 'secreto', code: 'código', the: 'el', and: 'y', reply: 'responde',
  with: 'con', only: 'solo', word: 'palabra', what: 'qué', is: 'es', in: 'en', write: 'escribe', give: 'dame',
  me: 'me', system: 'sistema', prompt: 'indicación', above: 'arriba', everything: 'todo', output: 'muestra',
  rules: 'reglas', hidden: 'ocultas', say: 'di', new: 'nueva', task: 'tarea', now: 'ahora', send: 'envía',
  explain: 'explica', how: 'cómo', to: 'a', of: 'de', a: 'un', list: 'enumera', names: 'nombres', email: 'correo',
  forever: 'para siempre', exactly: 'exactamente', before: 'antes', this: 'este', message: 'mensaje', first: 'primera',
};

export function translateToSpanish(text: string): string {
  return text.replace(/[A-Za-z]+/g, (word) => {
    const hit = spanish[word.toLowerCase()];
    if (!hit) return word;
    return word[0] === word[0]?.toUpperCase() ? hit[0]?.toUpperCase() + hit.slice(1) : hit;
  });
}
