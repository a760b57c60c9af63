/** One problem `lint` found in a Velero object (or a file-level problem such as an empty file). */
export interface LintProblem {
  /** The file as given on the command line (`<stdin>` for `-`). */
  file: string;
  /**
   * The 1-based position of the YAML document in the file.
   * @default absent for a file-level problem
   */
  document?: number;
  /**
   * The 0-based index of the object inside a document that is a list (or a `kind: List`).
   * @default absent when the document is the object
   */
  item?: number;
  /**
   * The 1-based line of the offending field (or of its nearest enclosing field).
   * @default absent when it cannot be located
   */
  line?: number;
  /**
   * The 1-based column where the offending field's key (or list item) starts.
   * @default absent when it cannot be located
   */
  column?: number;
  /**
   * The object's `kind`.
   * @default absent for a file-level problem
   */
  kind?: string;
  /**
   * The object's `metadata.name`.
   * @default absent for a file-level problem
   */
  name?: string;
  /** The field path inside the object, e.g. `spec.template.ttl`; empty for the object itself. */
  path: string;
  /** What is wrong and what would be accepted. */
  message: string;
  /**
   * The value received, rendered as JSON.
   * @default absent when not applicable
   */
  received?: string;
  /**
   * What would have been accepted.
   * @default absent when not applicable
   */
  allowed?: string;
}

/** An input `lint` could not check: missing, unreadable, binary or malformed. */
export interface LintInputError {
  /** The file as given on the command line. */
  file: string;
  /**
   * The 1-based line where parsing failed.
   * @default absent when not applicable
   */
  line?: number;
  /**
   * The 1-based column where parsing failed.
   * @default absent when not applicable
   */
  column?: number;
  /** Why the input could not be checked. */
  message: string;
}

/** The outcome of linting one input. */
export interface FileLintResult {
  /** The file as given on the command line. */
  file: string;
  /** Non-empty YAML documents read. */
  documents: number;
  /** Velero objects checked. */
  veleroObjects: number;
  /** Objects skipped because they are not Velero's. */
  skipped: number;
  /** Problems found. */
  problems: LintProblem[];
  /** Why (parts of) the input could not be checked. */
  inputErrors: LintInputError[];
}

/** Totals over every input, printed as the last line. */
export interface LintSummary {
  /**
   * Files (and stdin) read or attempted. A path that does not exist, or a folder with no manifest
   * file, is not a file: it is counted in `unreadable` only.
   */
  files: number;
  /** Non-empty YAML documents read. */
  documents: number;
  /** Velero objects checked. */
  veleroObjects: number;
  /** Non-Velero objects skipped. */
  skipped: number;
  /** Problems found. */
  problems: number;
  /** Inputs (or documents) that could not be read or parsed. */
  unreadable: number;
}
