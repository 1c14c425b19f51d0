// Shapes shared by every guardrail scanner. Entity type names follow Presidio's where one exists
// (EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, ...), so results compare directly with its test cases.

/** One detected span of sensitive text. Offsets are UTF-16 code units, end exclusive, like String#slice. */
export interface Finding {
  type: string;
  start: number;
  end: number;
  /** 0..1; how sure the recognizer is (checksum-validated ≈ 1, bare patterns low, context raises it). */
  score: number;
  /** Which recognizer produced it, e.g. `credit-card` or `secrets:aws-access-key-id`. */
  recognizer: string;
}

export interface Recognizer {
  readonly name: string;
  /** The entity types this recognizer can emit. */
  readonly entities: readonly string[];
  analyze(text: string): Finding[];
  /**
   * Slow recognizers (libphonenumber) run last, on text where spans already claimed with a score no
   * costly finding could beat are blanked out; the result is the same, the work much smaller.
   */
  readonly costly?: boolean;
}
