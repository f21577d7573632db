/** The runner's result is the last stdout line after this marker (`--trace-gc` writes to stdout too). */
export const RESULT_MARKER = 'BENCH-RESULT '
