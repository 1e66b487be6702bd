// Bundles code_editor.js and its locked CodeMirror packages into one ES module for anywidget:
//   npm ci --prefix frontend/code_editor && node frontend/code_editor/build.mjs   (what `make editor` runs)
// The banner records a digest of the source and the lock file, so a test can tell a stale bundle.
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {build} from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const digest = createHash("sha256");
for (const name of ["code_editor.js", "package-lock.json"]) {
  digest.update(readFileSync(join(here, name)));
}
const banner = [
  `// Built by frontend/code_editor/build.mjs from code_editor.js; source digest sha256:${digest.digest("hex")}`,
  "// Bundles CodeMirror 6 and Lezer (MIT License, Copyright (C) 2018-2021 by Marijn Haverbeke and others);",
  "// versions in frontend/code_editor/package-lock.json. Never edit this file: change the source, run `make editor`.",
].join("\n");
await build({
  entryPoints: [join(here, "code_editor.js")],
  outfile: join(here, "..", "..", "stylekit", "widgets", "static", "code_editor.js"),
  bundle: true, format: "esm", minify: true, target: "es2020", banner: {js: banner}, logLevel: "warning",
});
