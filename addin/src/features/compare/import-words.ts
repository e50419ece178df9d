import { featureWords } from "../../strings/feature-words.ts";

/**
 * The words of importing members' workbooks (ImportWorkbooks, useImportWorkbooks), downloaded with the
 * import rather than with the pane's first screen (strings/feature-words.ts). English gives the shape;
 * Ukrainian and Lithuanian follow it. The Compare section's tab (`t.importWorkbooks.tab`) stays in the
 * pane's words: it shows before the import is downloaded.
 */
const en = {
  intro: "Members' MuniPlan workbooks or filled templates (.xlsx): see what each file would write, then import.",
  drop: "Drop .xlsx files here",
  choose: "Choose files…",
  reading: (n: number) => `Reading files: ${n}`,
  checking: "Checking (nothing is written yet)",
  importing: (n: number) => `Importing files: ${n}`,
  checked: (ready: number, held: number) =>
    held ? `Ready: ${ready}; with problems: ${held} (not imported: fix the file and add it again).` : `Ready: ${ready}. Check each file, then import.`,
  preview: "What the files would write",
  member: (name: string, code: string) => `Member: ${name} (${code})`,
  noCode: "no territory code",
  wouldWrite: (values: number, indicators: number, years: string, unchanged: number) =>
    `Would write ${values} value(s): ${indicators} indicator(s), ${years}; unchanged ${unchanged}`,
  nothingNew: (unchanged: number) => `Nothing new: all ${unchanged} value(s) are on the server`,
  inFile: (values: number) => `Values in the file: ${values}`,
  problems: (n: number) => `Problems (${n})`,
  willImport: "Will be imported",
  wontImport: "Not imported: fix the problems in the file, then add it again",
  run: (n: number) => `Import files (${n})`,
  clear: "Clear",
  written: (written: number, unchanged: number) => `Written ${written}, unchanged ${unchanged}`,
  nothingChanged: "Nothing changed: the server has these values",
  notWritten: "Not written: see the problems",
  imported: (files: number, values: number) => `Imported files: ${files}; values written: ${values}.`,
  someFailed: (n: number) => `Files not written: ${n}`,
  someFailedNext: "Each one's problems are under it; the other files were written. Fix these, then import them again.",
  problemCodes: {
    not_a_member: "not a member of the association: check the file, or ask an administrator to add the community",
    territory_code_invalid: "not a valid territory code: correct REF_AREA",
    no_plan: "the member has no plan on the server: its editor links the workbook (Sync) first",
    member_twice: "another file is for the same member: import one at a time",
    code_not_in_catalogue: "no such code in the catalogue: correct it, or add the indicator to the catalogue",
    indicator_not_in_plan: "the member's plan has no indicator of this code: its editor adds it from the catalogue",
    indicator_unknown: "the member's plan has no such indicator: ask the member to sync, then send the file again",
    duplicate_value: "the same indicator and year twice: keep one",
    invalid_value: "not a year, value, reason or note MuniPlan takes: correct the cell",
    conflict: "changed on the server meanwhile: import the file again",
    // An import fills a member's values by its monitoring committee's rules: these say what unlocks a year.
    monitor_outside_round_year: "no monitoring round is open for this year in the member's plan: its editor opens the year's round (Monitoring section), then add the file again",
    monitor_round_submitted: "this year's values are submitted for review: add the file again once the member's editor returns the round (Monitoring section)",
    round_approved: "this year's values are approved and locked: the member's editor reopens the round (Monitoring section, with a reason), then add the file again",
  },
  // The blank template an analyst sends a member without the add-in (ImportTemplate).
  template: {
    open: "Blank template for a member",
    intro: (reasons: string) =>
      `For a member without the add-in: the catalogue's indicators for the years you choose, answers empty. The member types each value in OBS_VALUE (or, for no value, a reason's code in OBS_STATUS: ${reasons}) and sends the file back; add it above to import it.`,
    find: "Find a member for the template (name or code)",
    shown: (shown: number, total: number) => `Showing ${shown} of ${total}: type more to narrow`,
    none: "No member has this name or code",
    member: "Member",
    from: "Template's first year",
    to: "Template's last year",
    xlsx: "Download template (.xlsx)",
    csv: "Template as CSV",
    saved: (file: string, kb: string) => `Saved ${file} (${kb} KB) in your downloads: send it to the member, and add the filled file above to import it.`,
    hint: "The import reads .xlsx files: a member who fills the CSV saves it as .xlsx in Excel. Excel for Mac cannot save files from the pane: use Excel on the web or for Windows.",
  },
};

const uk: typeof en = {
  intro: "Книги MuniPlan або заповнені шаблони громад (.xlsx): перегляньте, що запише кожен файл, потім імпортуйте.",
  drop: "Перетягніть сюди файли .xlsx",
  choose: "Вибрати файли…",
  reading: (n: number) => `Читання файлів: ${n}`,
  checking: "Перевірка (поки нічого не записується)",
  importing: (n: number) => `Імпорт файлів: ${n}`,
  checked: (ready: number, held: number) =>
    held
      ? `Готові: ${ready}; з проблемами: ${held} (не імпортуються: виправте файл і додайте ще раз).`
      : `Готові: ${ready}. Перегляньте кожен файл і імпортуйте.`,
  preview: "Що запишуть файли",
  member: (name: string, code: string) => `Громада: ${name} (${code})`,
  noCode: "без коду території",
  wouldWrite: (values: number, indicators: number, years: string, unchanged: number) =>
    `Буде записано значень: ${values} (показників: ${indicators}, роки ${years}); без змін: ${unchanged}`,
  nothingNew: (unchanged: number) => `Нічого нового: усі значення (${unchanged}) вже є на сервері`,
  inFile: (values: number) => `Значень у файлі: ${values}`,
  problems: (n: number) => `Проблеми (${n})`,
  willImport: "Буде імпортовано",
  wontImport: "Не імпортується: виправте проблеми у файлі й додайте його ще раз",
  run: (n: number) => `Імпортувати файли (${n})`,
  clear: "Очистити",
  written: (written: number, unchanged: number) => `Записано: ${written}, без змін: ${unchanged}`,
  nothingChanged: "Нічого не змінилося: на сервері вже є ці значення",
  notWritten: "Не записано: див. проблеми",
  imported: (files: number, values: number) => `Імпортовано файлів: ${files}; записано значень: ${values}.`,
  someFailed: (n: number) => `Не записано файлів: ${n}`,
  someFailedNext: "Проблеми кожного — під ним; інші файли записано. Виправте ці й імпортуйте їх ще раз.",
  problemCodes: {
    not_a_member: "громада не є членом асоціації: перевірте файл або попросіть адміністратора додати громаду",
    territory_code_invalid: "недійсний код території: виправте REF_AREA",
    no_plan: "у громади немає плану на сервері: спершу її редактор пов'язує книгу (Синхронізація)",
    member_twice: "інший файл тієї самої громади: імпортуйте їх по одному",
    code_not_in_catalogue: "такого коду немає в каталозі: виправте його або додайте показник до каталогу",
    indicator_not_in_plan: "у плані громади немає показника з цим кодом: її редактор додає його з каталогу",
    indicator_unknown: "у плані громади немає такого показника: попросіть громаду синхронізуватися й надіслати файл ще раз",
    duplicate_value: "той самий показник і рік двічі: залиште один",
    invalid_value: "рік, значення, причина чи примітка не такі, як приймає MuniPlan: виправте клітинку",
    conflict: "тим часом змінено на сервері: імпортуйте файл ще раз",
    monitor_outside_round_year: "у плані громади для цього року немає відкритого раунду моніторингу: її редактор відкриває раунд цього року (розділ «Моніторинг»), потім додайте файл ще раз",
    monitor_round_submitted: "значення цього року подано на перегляд: додайте файл ще раз, коли редактор громади поверне раунд (розділ «Моніторинг»)",
    round_approved: "значення цього року затверджено й заблоковано: редактор громади повторно відкриває раунд (розділ «Моніторинг», із причиною), потім додайте файл ще раз",
  },
  template: {
    open: "Порожній шаблон для громади",
    intro: (reasons: string) =>
      `Для громади без надбудови: показники каталогу за вибрані роки, відповіді порожні. Громада вписує кожне значення в OBS_VALUE (а якщо значення немає — код причини в OBS_STATUS: ${reasons}) і надсилає файл назад; додайте його вище, щоб імпортувати.`,
    find: "Громада для шаблону (назва або код)",
    shown: (shown: number, total: number) => `Показано ${shown} з ${total}: уточніть пошук`,
    none: "Немає громади з такою назвою чи кодом",
    member: "Громада",
    from: "Перший рік шаблону",
    to: "Останній рік шаблону",
    xlsx: "Завантажити шаблон (.xlsx)",
    csv: "Шаблон у CSV",
    saved: (file: string, kb: string) => `Збережено ${file} (${kb} КБ) у теці завантажень: надішліть його громаді, а заповнений файл додайте вище, щоб імпортувати.`,
    hint: "Імпорт читає файли .xlsx: громада, що заповнює CSV, зберігає його в Excel як .xlsx. Excel для Mac не зберігає файли з панелі: скористайтеся Excel в Інтернеті або Excel для Windows.",
  },
};

const lt: typeof en = {
  intro: "Narių MuniPlan darbaknygės arba užpildyti šablonai (.xlsx): peržiūrėkite, ką įrašytų kiekvienas failas, tada importuokite.",
  drop: "Nutempkite .xlsx failus čia",
  choose: "Pasirinkti failus…",
  reading: (n: number) => `Skaitomi failai: ${n}`,
  checking: "Tikrinama (kol kas niekas neįrašoma)",
  importing: (n: number) => `Importuojami failai: ${n}`,
  checked: (ready: number, held: number) =>
    held
      ? `Paruošti: ${ready}; su problemomis: ${held} (neimportuojami: ištaisykite failą ir pridėkite dar kartą).`
      : `Paruošti: ${ready}. Peržiūrėkite kiekvieną failą ir importuokite.`,
  preview: "Ką įrašytų failai",
  member: (name: string, code: string) => `Narys: ${name} (${code})`,
  noCode: "be teritorijos kodo",
  wouldWrite: (values: number, indicators: number, years: string, unchanged: number) =>
    `Būtų įrašyta reikšmių: ${values} (rodiklių: ${indicators}, metai ${years}); nepakitusių: ${unchanged}`,
  nothingNew: (unchanged: number) => `Nieko naujo: visos reikšmės (${unchanged}) jau yra serveryje`,
  inFile: (values: number) => `Reikšmių faile: ${values}`,
  problems: (n: number) => `Problemos (${n})`,
  willImport: "Bus importuotas",
  wontImport: "Neimportuojamas: ištaisykite problemas faile ir pridėkite jį dar kartą",
  run: (n: number) => `Importuoti failus (${n})`,
  clear: "Išvalyti",
  written: (written: number, unchanged: number) => `Įrašyta: ${written}, nepakito: ${unchanged}`,
  nothingChanged: "Niekas nepasikeitė: serveryje jau yra šios reikšmės",
  notWritten: "Neįrašyta: žr. problemas",
  imported: (files: number, values: number) => `Importuota failų: ${files}; įrašyta reikšmių: ${values}.`,
  someFailed: (n: number) => `Neįrašyta failų: ${n}`,
  someFailedNext: "Kiekvieno problemos nurodytos po juo; kiti failai įrašyti. Ištaisykite šiuos ir importuokite dar kartą.",
  problemCodes: {
    not_a_member: "ne asociacijos narys: patikrinkite failą arba paprašykite administratoriaus pridėti bendruomenę",
    territory_code_invalid: "netinkamas teritorijos kodas: ištaisykite REF_AREA",
    no_plan: "narys neturi plano serveryje: pirmiausia jo redaktorius susieja darbaknygę (Sinchronizavimas)",
    member_twice: "kitas to paties nario failas: importuokite po vieną",
    code_not_in_catalogue: "tokio kodo kataloge nėra: ištaisykite jį arba pridėkite rodiklį į katalogą",
    indicator_not_in_plan: "nario plane nėra šio kodo rodiklio: jo redaktorius prideda jį iš katalogo",
    indicator_unknown: "nario plane tokio rodiklio nėra: paprašykite nario sinchronizuoti ir atsiųsti failą dar kartą",
    duplicate_value: "tas pats rodiklis ir metai du kartus: palikite vieną",
    invalid_value: "metai, reikšmė, priežastis ar pastaba nėra tokia, kokią priima MuniPlan: ištaisykite langelį",
    conflict: "tuo metu pakeista serveryje: importuokite failą dar kartą",
    monitor_outside_round_year: "nario plane šiems metams nėra atidaryto stebėsenos ciklo: jo redaktorius atidaro šių metų ciklą (skiltis „Stebėsena“), tada pridėkite failą dar kartą",
    monitor_round_submitted: "šių metų reikšmės pateiktos peržiūrai: pridėkite failą dar kartą, kai nario redaktorius grąžins ciklą (skiltis „Stebėsena“)",
    round_approved: "šių metų reikšmės patvirtintos ir užrakintos: nario redaktorius iš naujo atidaro ciklą (skiltis „Stebėsena“, nurodęs priežastį), tada pridėkite failą dar kartą",
  },
  template: {
    open: "Tuščias šablonas nariui",
    intro: (reasons: string) =>
      `Nariui be papildinio: katalogo rodikliai pasirinktiems metams, atsakymai tušti. Narys įrašo kiekvieną reikšmę į OBS_VALUE (o jei reikšmės nėra – priežasties kodą į OBS_STATUS: ${reasons}) ir atsiunčia failą atgal; pridėkite jį aukščiau, kad importuotumėte.`,
    find: "Narys šablonui (pavadinimas arba kodas)",
    shown: (shown: number, total: number) => `Rodoma ${shown} iš ${total}: patikslinkite paiešką`,
    none: "Nėra nario tokiu pavadinimu ar kodu",
    member: "Narys",
    from: "Pirmieji šablono metai",
    to: "Paskutiniai šablono metai",
    xlsx: "Atsisiųsti šabloną (.xlsx)",
    csv: "Šablonas CSV formatu",
    saved: (file: string, kb: string) => `Išsaugota ${file} (${kb} KB) atsisiuntimų aplanke: nusiųskite jį nariui, o užpildytą failą pridėkite aukščiau, kad importuotumėte.`,
    hint: "Importas skaito .xlsx failus: narys, pildantis CSV, išsaugo jį „Excel“ kaip .xlsx. „Excel“ sistemoje „Mac“ negali išsaugoti failų iš srities: naudokite „Excel“ žiniatinklyje arba „Windows“ sistemoje.",
  },
};

export const importWords = featureWords({ en, uk, lt });
