/**
 * Suggestions for misspelled keys and values.
 */

/** Edit distance between two strings (Levenshtein). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        substitution,
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

function commonPrefixLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && a[length] === b[length]) {
    length++;
  }
  return length;
}

/**
 * Returns the candidate closest to `word`, ignoring case, when it is close
 * enough to be a typo: at most one edit per three characters, and at least
 * one edit allowed. Of equally close candidates, the one sharing the longer
 * prefix wins, so "26.8.0" suggests "26.8.1" rather than "26.4.0".
 */
export function closestMatch(
  word: string,
  candidates: readonly string[],
): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let bestPrefix = -1;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const distance = editDistance(lower, other);
    const prefix = commonPrefixLength(lower, other);
    if (
      distance < bestDistance ||
      (distance === bestDistance && prefix > bestPrefix)
    ) {
      best = candidate;
      bestDistance = distance;
      bestPrefix = prefix;
    }
  }
  return best;
}
