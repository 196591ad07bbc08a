// `process` for the web test bundle, injected by esbuild (esbuild.mjs: `inject`) into every module of
// out/test/web/index.js that reads the free variable `process`: the assert polyfill and its `util`
// (process.env.NODE_DEBUG, process.nextTick, process.stderr…), helpers.ts and the test files.
// It is module-local: the web worker's global scope, which the extension under test shares, gets no
// `process` (the extension and VS Code itself look for one to detect Node).
// The web worker extension host has no environment: `env` is empty, so the tests see no
// TEST_RESULT_FILE, SCREENSHOT_DIR, TEST_WORKSPACE nor TEST_GREP (see index.ts for what replaces them).
type Listener = (...args: unknown[]) => void;

const nextTick = (fn: Listener, ...args: unknown[]): void => {
  queueMicrotask(() => fn(...args));
};

export const process = {
  browser: true,
  title: 'browser',
  platform: 'browser',
  version: '',
  versions: {} as Record<string, string>,
  env: {} as Record<string, string | undefined>,
  argv: [] as string[],
  pid: 1,
  noDeprecation: false,
  throwDeprecation: false,
  traceDeprecation: false,
  stdout: undefined,
  stderr: undefined,
  nextTick,
  cwd: () => '/',
  emitWarning: (warning: unknown): void => console.warn(warning),
  on: (): void => {},
  once: (): void => {},
  off: (): void => {},
  removeListener: (): void => {},
  listeners: (): Listener[] => [],
};
