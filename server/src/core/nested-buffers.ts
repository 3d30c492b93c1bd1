/**
 * The items collected for each open block, by nesting depth, for a parser or binder that builds a
 * block's list of children while it reads them. The buffers are reused from block to block:
 * emptying an array (length = 0) drops its storage, so every push after it allocated again, which
 * was a big file's commonest garbage. Each block gets an array of exactly its items.
 */
export class NestedBuffers<T> {
  private readonly buffers: T[][] = [];
  private readonly counts: number[] = [];

  open(depth: number): void {
    this.buffers[depth] ??= [];
    this.counts[depth] = 0;
  }

  add(depth: number, item: T): void {
    this.buffers[depth][this.counts[depth]++] = item;
  }

  /** The first item of the block at `depth` that `test` accepts with `arg` (a fixed test, no closure per call). */
  find<A>(depth: number, test: (item: T, arg: A) => boolean, arg: A): T | undefined {
    const buffer = this.buffers[depth];
    for (let i = 0; i < this.counts[depth]; i++) if (test(buffer[i], arg)) return buffer[i];
    return undefined;
  }

  /** The items of the block at `depth`, in order, in an array of their own. */
  close(depth: number): T[] {
    const items = this.buffers[depth].slice(0, this.counts[depth]);
    this.counts[depth] = 0;
    return items;
  }

  /** Lets go of every item (the buffers would otherwise keep the last blocks' items alive). */
  clear(): void {
    this.buffers.length = 0;
    this.counts.length = 0;
  }
}
