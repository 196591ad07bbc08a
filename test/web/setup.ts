// Mocha for the web worker extension host. index.ts imports this module FIRST: ES module imports run
// in order, so the tdd globals (suite, test, suiteSetup…) exist before the test files define suites.
//
// mocha 12's browser build (mocha/mocha.js) is a UMD script inside a `"type": "module"` package:
// esbuild leaves its `module`/`exports` references free, and the web worker host evaluates the suite
// with `new Function('module', 'exports', 'require', code)`, so the UMD would replace this bundle's
// exports with mocha (and `run` would vanish). The web test bundle is therefore built with
// `module` and `exports` defined as undefined (esbuild.mjs): the UMD takes its global branch and sets
// globalThis.mocha / globalThis.Mocha.
import 'mocha/mocha.js';

// the browser build's default reporter is HTML (and a web worker has no DOM): spec on the console
mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });

export const browserMocha = mocha;
