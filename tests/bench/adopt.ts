import { adopt } from "../../shared/adopt/recognise.ts";

/**
 * Adopting a plan's text (issue 16): CPU time per line for a 200-line and a 2,000-line plan in one run.
 * A ratio near 1 means the recogniser is linear in the text; a quadratic step would show as about 10.
 */

/** A plan as the AMU strategy is laid out: SWOT lists, priorities with tab-separated goal rows, risks, indicators. */
export function planText(lines: number): string {
  const out = ["# Стратегія розвитку громади", "", "Період: 2021–2027", "", "## Бачення", "", "Громада, у якій добре жити.", "", "### Сильні сторони:", ""];
  for (let i = 0; i < lines / 20; i++) out.push(`- перевага громади номер ${i},`);
  out.push("", "## Стратегічні пріоритети, завдання та результати", "");
  let p = 0;
  const body = lines * 0.75;
  while (out.length < body) {
    p++;
    out.push(`<b>Стратегічний пріоритет ${p}</b>\t`, `<b>Розвиток напряму ${p}</b>\t`);
    for (let g = 1; g <= 4 && out.length < body; g++) {
      out.push(`<b>Стратегічна ціль ${g}</b>\t<b>Ціль ${p}.${g}: покращення послуг</b>`);
      out.push(`<b>Програмні завдання</b>\tЗавдання ${p}.${g}.1: підготовка проєкту.`);
      for (let t = 2; t <= 5; t++) out.push(`\tЗавдання ${p}.${g}.${t}: впровадження заходів та`, "", `\tзвітування про них.`);
      out.push(`<b>Очікувані результати</b>\tПослуги стали доступнішими для мешканців.`);
    }
  }
  out.push("", "## Ризики", "", "<b>Потенційні внутрішні ризики</b>\t<b>Заходи з мінімізації ризиків</b>");
  for (let i = 0; i < lines / 20; i++) out.push(`Ризик ${i}\t- перший захід, - другий захід.`);
  out.push("", "<b>Назва показника</b>\t<b>База 2020 рік</b>\t<b>Термін</b>\t<b>Відповідальні</b>");
  for (let k = 1; out.length < lines; k++) {
    out.push(`<b>Стратегічний пріоритет ${1 + (k % p)}</b>\t\t\t`);
    out.push(`Кількість послуг ${k}, з них: - електронних, - у ЦНАП.\t${k}\tщорічно\tВідділ розвитку`);
  }
  return out.slice(0, lines).join("\n");
}

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** Median CPU µs per line over samples of about 20,000 lines each (ten 2,000-line plans, a hundred 200-line ones). */
function microsPerLine(text: string, lines: number): number {
  const runs = Math.ceil(20_000 / lines);
  const read = () => adopt({ text }, { id: () => crypto.randomUUID(), year: 2026 });
  for (let i = 0; i < runs; i++) read();
  const samples: number[] = [];
  for (let s = 0; s < 7; s++) {
    const start = cpuMicros();
    for (let i = 0; i < runs; i++) read();
    samples.push((cpuMicros() - start) / (runs * lines));
  }
  return samples.sort((a, b) => a - b)[3]!;
}

export function benchAdopt(): void {
  console.log("\n## Adopting a plan's text (CPU µs per line; ratio to the 200-line plan)\n");
  console.log("| lines | items | unrecognised | µs/line | ratio |");
  console.log("|---:|---:|---:|---:|---:|");
  let base = 0;
  for (const lines of [200, 2_000]) {
    const text = planText(lines);
    const result = adopt({ text }, { id: () => crypto.randomUUID(), year: 2026 });
    const us = microsPerLine(text, lines);
    base ||= us;
    console.log(`| ${lines.toLocaleString("en")} | ${result.items.length} | ${result.unrecognised.length} | ${us.toFixed(1)} | ${(us / base).toFixed(2)} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) benchAdopt();
