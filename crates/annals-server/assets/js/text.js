// The server reports spans as UTF-8 byte offsets into a document's text, while
// JavaScript strings index UTF-16 code units. A document with "вὀйска" or
// curly quotes in it makes the two differ, so every span goes through here.

const encoder = new TextEncoder();

/** Number of UTF-8 bytes a code point takes. */
function utf8Length(cp) {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

/**
 * Maps byte offsets of one text to string indices. The table is built once per
 * document (one entry per byte), so many spans cost one pass over the text.
 */
export class ByteIndex {
  constructor(text) {
    this.text = text;
    const total = encoder.encode(text).length;
    // toIndex[b] = UTF-16 index of the character that starts at or contains byte b.
    this.toIndex = new Uint32Array(total + 1);
    let b = 0;
    let i = 0;
    while (i < text.length) {
      const cp = text.codePointAt(i);
      const n = utf8Length(cp);
      // A lone surrogate is encoded by TextEncoder as U+FFFD (3 bytes); codePointAt
      // returns the surrogate itself (< 0x10000), which also counts as 3. Consistent.
      for (let k = 0; k < n && b + k <= total; k++) this.toIndex[b + k] = i;
      b += n;
      i += cp > 0xffff ? 2 : 1;
    }
    this.toIndex[total] = text.length;
    this.bytes = total;
  }

  /** String index for a byte offset, clamped to the text. */
  index(byteOffset) {
    const b = Math.max(0, Math.min(this.bytes, Number(byteOffset) || 0));
    return this.toIndex[b];
  }

  /** The substring a byte span covers. */
  slice(start, end) {
    return this.text.slice(this.index(start), this.index(end));
  }
}
