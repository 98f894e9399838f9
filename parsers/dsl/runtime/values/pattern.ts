// Groovy's `~/regex/` (and `~'text'`): a compiled java.util.regex.Pattern, printed as its source text.
export class GPattern {
  constructor(readonly source: string) {}
  toString(): string {
    return this.source;
  }
  // Pattern.isCase: the whole text matches, as Matcher.matches() does
  matchesWhole(text: string): boolean {
    return new RegExp(`^(?:${this.source})$`).test(text);
  }
}
