import { benchExcel } from "./excel.ts";
import { benchLayout } from "./layout.ts";

// Benchmarks print figures (ratios within one run), they do not pass or fail on time.
benchLayout();
await benchExcel();
