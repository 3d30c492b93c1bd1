/**
 * One string object per distinct text within a parse. A net repeats the same few names and values
 * (`num_output`, `"Convolution"`, `0`) in every layer, and each token brings its own copy of its
 * text: keeping one per text makes a 10 MB net's tree a seventh smaller and its parse faster (less
 * for the garbage collector to copy). The parser empties the table after each parse.
 */

/** Past this many texts the table starts again: a file of unique names would only grow it. */
const MAX_TEXTS = 1 << 16;

export class StringTable {
  private readonly strings = new Map<string, string>();

  shared(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    if (this.strings.size >= MAX_TEXTS) this.strings.clear();
    this.strings.set(text, text);
    return text;
  }

  clear(): void {
    this.strings.clear();
  }
}
