import { benchAdopt } from "./adopt.ts";
import { benchCompare } from "./compare.ts";
import { benchExcel } from "./excel.ts";
import { benchImport } from "./import.ts";
import { benchLayout } from "./layout.ts";
import { benchPane } from "./pane.ts";
import { benchSync } from "./sync.ts";
import { benchWorker } from "./worker.ts";

// Benchmarks print figures (ratios within one run), they do not pass or fail on time.
benchLayout();
benchAdopt();
await benchExcel();
await benchWorker();
await benchSync();
await benchCompare();
await benchImport();
await (await import("./import-read.ts")).benchImportRead();
await (await import("./open-data.ts")).benchOpenData();
await benchPane();
