// gray-matter keeps a Buffer copy of every input (`file.orig`, via Buffer.from) and checks inputs
// with Buffer.isBuffer. The web worker extension host has no Buffer, so esbuild injects this in
// place of the global in the extension bundle; nothing in the extension reads `orig`.
export const Buffer = {
  from: (value: string | ArrayLike<number>): Uint8Array => (typeof value === 'string' ? new TextEncoder().encode(value) : Uint8Array.from(value)),
  isBuffer: (value: unknown): boolean => typeof globalThis.Buffer === 'function' && globalThis.Buffer.isBuffer(value),
};
