// A HellaSwag file in llama.cpp's six-line format (context, gold, four endings), written for stories260K: its
// TinyStories-like endings are the likely ones. Some golds point at unlikely endings so accuracy is not trivially 1.
export const tasks: Array<[string, number, string[]]> = [
  ['Once upon a time, there was a little girl named', 0, ['Lily. She loved to play outside.', 'the tax code of the republic.', 'seven thousand volts of static.', 'an abstract syntax tree.']],
  ['One day, Tom went to the park with his', 1, ['quarterly earnings report.', 'mom. They played on the swings.', 'compiler and a linker.', 'seventeen hydraulic presses.']],
  ['The cat was very hungry, so it', 3, ['filed an appeal in court.', 'ate some food from its bowl.', 'invoiced the customer.', 'rebooted the mainframe.']],
  ['Lily and Ben were best friends. They liked to', 2, ['play in the garden every day.', 'audit the ledger.', 'compute eigenvalues.', 'negotiate a merger.']],
  ['The sun was shining and the birds were', 0, ['singing in the trees.', 'refinancing their debt.', 'parsing JSON.', 'voting in parliament.']],
  ['Mom said, "Time for bed." Tim was', 1, ['a prime number.', 'sad, but he went to bed.', 'the chief executive.', 'made of carbon fibre.']],
];
export const hellaswagText = tasks.map(([ctx, gold, endings]) => [ctx, String(gold), ...endings].join('\n')).join('\n') + '\n';
