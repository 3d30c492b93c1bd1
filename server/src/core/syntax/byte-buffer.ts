/** A growable byte array for building decoded string literals. */
export class ByteBuffer {
  private bytes = new Uint8Array(64);
  private length = 0;

  push(byte: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte & 0xff;
  }

  pushAscii(text: string): void {
    for (let i = 0; i < text.length; i++) this.push(text.charCodeAt(i));
  }

  /**
   * Appends a code point as UTF-8, the way protobuf's AppendUTF8 does: surrogate code points get
   * their 3-byte form too (invalid UTF-8, which is what Caffe would receive).
   */
  pushUtf8(codePoint: number): void {
    if (codePoint < 0x80) {
      this.push(codePoint);
    } else if (codePoint < 0x800) {
      this.push(0xc0 | (codePoint >> 6));
      this.push(0x80 | (codePoint & 0x3f));
    } else if (codePoint < 0x10000) {
      this.push(0xe0 | (codePoint >> 12));
      this.push(0x80 | ((codePoint >> 6) & 0x3f));
      this.push(0x80 | (codePoint & 0x3f));
    } else {
      this.push(0xf0 | (codePoint >> 18));
      this.push(0x80 | ((codePoint >> 12) & 0x3f));
      this.push(0x80 | ((codePoint >> 6) & 0x3f));
      this.push(0x80 | (codePoint & 0x3f));
    }
  }

  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Reads bytes as UTF-8; invalid sequences become U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
