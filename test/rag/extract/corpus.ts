// The shared document corpus (../shared/corpus/docs): where it is and what extraction must keep.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/docs');
export const corpusFile = (name: string) => path.join(corpusDir, 'files', name);

export interface TestVector {
  filename: string;
  must_include: string[];
  must_not_include: string[];
}

/**
 * The general vectors: extraction as Enclave indexes it. (The file's DATA_URI vectors describe a mode that
 * pastes whole base64 images into the text, which a search index should never hold.)
 */
export function generalVectors(): TestVector[] {
  const json = JSON.parse(readFileSync(path.join(corpusDir, 'must_include_vectors.json'), 'utf8')) as { GENERAL_TEST_VECTORS: TestVector[] };
  return json.GENERAL_TEST_VECTORS;
}

/** The PDFs that have an expected Markdown rendering, tables included. */
export function expectedPdfOutputs(): Array<{ pdf: string; expected: string }> {
  const names = ['MEDRPT-2024-PAT-3847_medical_report_scan', 'RECEIPT-2024-TXN-98765_retail_purchase', 'REPAIR-2022-INV-001_multipage',
    'SPARSE-2024-INV-1234_borderless_table', 'movie-theater-booking-2024', 'test'];
  return names.map((name) => ({ pdf: `${name}.pdf`, expected: readFileSync(path.join(corpusDir, 'expected_outputs', `${name}.md`), 'utf8') }));
}
