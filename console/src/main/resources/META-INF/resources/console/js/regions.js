// Province names for the ministry's codes the API answers with (docs/region-data.md). The list is
// platform-vocabulary's own provinces.csv, copied into the console's files when it is built (console/pom.xml),
// so no name is fetched from anywhere else and the console names exactly the provinces the services accept.
let provinces = null;

/** Code → name of the 38 provinces, read once; an empty map if the file cannot be read (codes are shown then). */
export async function provinceNames() {
  provinces ??= fetch('idn-area/provinces.csv')
    .then((response) => (response.ok ? response.text() : ''))
    .then((text) => new Map(text.split('\n').slice(1).filter((line) => line.includes(','))
      .map((line) => { const comma = line.indexOf(','); return [line.slice(0, comma), line.slice(comma + 1).trim()]; })))
    .catch(() => new Map());
  return provinces;
}

/** "JAWA BARAT (32)" for a known code, the code alone for one the list lacks (a retired code a record keeps). */
export function province(names, code) {
  return names.has(code) ? `${names.get(code)} (${code})` : code;
}
