// The reference metrics, each a pure function that matches its reference tool (see each module).
export { Bleu, computeBleu, corpusBleu, sentenceBleu, type BleuOptions, type BleuScore, type SmoothMethod } from './bleu.metric.js';
export { Chrf, corpusChrf, sentenceChrf, type ChrfOptions } from './chrf.metric.js';
export { Ter, corpusTer, sentenceTer, translationEditRate, type TerOptions, type TerScore } from './ter.metric.js';
export { rougeScore, rougeScoreMulti, rougeTokenize, type RougeScore, type RougeType } from './rouge.metric.js';
export { alignWords, meteorScore, singleMeteorScore, type MeteorOptions } from './meteor.metric.js';
export { exactMatch, normalizeAnswer, squadExactMatch, squadF1, squadF1Single } from './squad.metric.js';
export { compileJsonSchema, compilePattern, contains, containsAll, containsAny, jsonValidity, matchesRegex, parseJsonOutput, type JsonValidity } from './assertion.metric.js';
export { porterStem } from '../../text/porter-stemmer.js';
export { nltkWordTokenize } from './nltk-word.tokenizer.js';
export { bleuTokenizer, bleuTokenizers, type BleuTokenizerName } from './sacrebleu.tokenizer.js';
export { defaultMetrics, metricNames, parseMetricList, parsePairs, scoreFile, type MetricName, type ScoreFileOptions, type ScoreFileResult, type ScoredLine } from './score-file.js';
