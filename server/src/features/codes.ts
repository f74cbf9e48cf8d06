// Every code a finding may have: the README's "Finding codes" table, the keys of `rules`, what a
// suppression comment may name. A list of its own (no imports), so that the settings can check
// `rules` without importing the checks; test/unit/living.test.ts checks it against the checks'
// constants and the README.
export const FINDING_CODES: readonly string[] = [
  'echo', 'repeat',
  'citation-date-missing', 'citation-date-wrong', 'citation-style', 'footnote-missing', 'footnote-unused',
  'numbering', 'punctuation', 'verb-prefix',
  'suppression-unknown',
];

/** A suppression comment naming a code that is not one of FINDING_CODES. */
export const SUPPRESSION_UNKNOWN = 'suppression-unknown';
