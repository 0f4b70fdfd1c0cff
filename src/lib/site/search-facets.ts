/**
 * The search page's facet table: which filter values each indexed page carries, so the browser
 * counts facets and applies filters itself instead of asking Pagefind. Pagefind 1.5 counts facets
 * by scanning its result list once per page of every filter value (2.5 s of a first query at
 * 10,000 articles) and, for a search by filters alone, fetches every chunk of its word index
 * (7.5 MB at 10,000 articles). The build writes the table from Pagefind's own page records
 * (`src/integrations/search-index.ts`), so a count is exactly the number of results that ticking
 * its box gives, as with Pagefind's counts.
 *
 * The file (gzip-compressed by the build): a 4-byte little-endian length, a JSON header
 * (`{ pages, filters, recent }`), then for each value, in the header's order, how many pages carry it and
 * their rows as LEB128 varints, each the distance from the row before. Rows are pages newest first,
 * so a search by filters alone lists its rows in order.
 */

/** The table's file in Pagefind's folder (`/pagefind/`), which the search page fetches. */
export const FACETS_FILE = 'facets.bin';

/** The recent stories' Pagefind bundle, inside the primary one (`/pagefind/recent/`). */
export const RECENT_FOLDER = 'recent';

/** Filter name → value → count, as Pagefind states filters. */
export type FilterCounts = Record<string, Record<string, number>>;

/** Filter name → the values a page must all carry (Pagefind's `{ filters }` with arrays). */
export type SelectedFilters = Partial<Record<string, string[]>>;

/** One indexed page: its Pagefind page id (the name of its fragment) and its filters. */
export interface FacetPage {
  id: string;
  filters: Record<string, string[]>;
}

interface Header {
  /** Page ids, newest first: a page's row is its position. */
  pages: string[];
  /** How many of the first rows are pages of the recent stories' index (`pagefind/recent/`); the rest are the archive's. */
  recent?: number;
  /** Filter names with their values; a value's number counts on across filters. */
  filters: [string, string[]][];
}

/**
 * The table's bytes (before compression) for `pages`, given newest first, the first `recent` of
 * them in the recent stories' index; filters appear in `order`, then any other in code-point
 * order, and values in code-point order, so equal input gives equal bytes.
 */
export function encodeFacets(pages: readonly FacetPage[], order: readonly string[], recent = 0): Uint8Array {
  const names = new Set<string>();
  for (const page of pages) for (const name of Object.keys(page.filters)) names.add(name);
  const filterNames = [...order.filter((name) => names.has(name)), ...[...names].filter((name) => !order.includes(name)).sort()];
  const rows = new Map<string, Map<string, number[]>>(filterNames.map((name) => [name, new Map()]));
  pages.forEach((page, row) => {
    for (const [name, values] of Object.entries(page.filters)) {
      const byValue = rows.get(name)!;
      for (const value of new Set(values)) {
        const list = byValue.get(value);
        if (list) list.push(row);
        else byValue.set(value, [row]);
      }
    }
  });
  const filters: Header['filters'] = filterNames.map((name) => [name, [...rows.get(name)!.keys()].sort(codePointOrder)]);
  const header = new TextEncoder().encode(JSON.stringify({ pages: pages.map((page) => page.id), filters, recent } satisfies Header));
  const bytes: number[] = [];
  for (const [name, values] of filters) {
    for (const value of values) {
      const list = rows.get(name)!.get(value)!;
      writeVarint(bytes, list.length);
      let previous = 0;
      for (const row of list) {
        writeVarint(bytes, row - previous);
        previous = row;
      }
    }
  }
  const out = new Uint8Array(4 + header.length + bytes.length);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(bytes, 4 + header.length);
  return out;
}

/** The table, read for counting and filtering. */
export class Facets {
  /** Pages, newest first. */
  readonly pages: readonly string[];
  /** Rows before this one are pages of the recent stories' index. */
  readonly recent: number;
  private readonly rowOf: Map<string, number>;
  /** Value number → [filter, value]. */
  private readonly values: [string, string][] = [];
  private readonly numberOf = new Map<string, number>();
  /** The values of row r are `rowValues[rowStart[r]]` up to `rowValues[rowStart[r + 1]]`. */
  private readonly rowStart: Uint32Array;
  private readonly rowValues: Uint32Array;

  constructor(bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = view.getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as Header;
    this.pages = header.pages;
    this.recent = header.recent ?? 0;
    this.rowOf = new Map(header.pages.map((id, row) => [id, row]));
    for (const [name, values] of header.filters) {
      for (const value of values) {
        this.numberOf.set(valueKey(name, value), this.values.length);
        this.values.push([name, value]);
      }
    }
    // Read each value's rows, then turn them round into each row's values.
    const lists: Uint32Array[] = [];
    const perRow = new Uint32Array(header.pages.length + 1);
    let at = 4 + headerLength;
    const read = (): number => {
      let result = 0;
      let shift = 0;
      for (;;) {
        const byte = bytes[at++]!;
        result += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) return result;
        shift += 7;
      }
    };
    for (let v = 0; v < this.values.length; v++) {
      const list = new Uint32Array(read());
      let row = 0;
      for (let i = 0; i < list.length; i++) {
        row += read();
        list[i] = row;
        perRow[row]!++;
      }
      lists.push(list);
    }
    this.rowStart = new Uint32Array(header.pages.length + 1);
    for (let r = 0; r < header.pages.length; r++) this.rowStart[r + 1] = this.rowStart[r]! + perRow[r]!;
    this.rowValues = new Uint32Array(this.rowStart[header.pages.length]!);
    const filled = this.rowStart.slice(0, header.pages.length);
    lists.forEach((list, v) => {
      for (const row of list) this.rowValues[filled[row]!++] = v;
    });
  }

  /** The row of a Pagefind page id, if the table has it. */
  row(id: string): number | undefined {
    return this.rowOf.get(id);
  }

  /**
   * A test for rows carrying every selected value (Pagefind's semantics for `{ name: [a, b] }`);
   * a value no page carries matches nothing. Undefined when nothing is selected.
   */
  matcher(selected: SelectedFilters): ((row: number) => boolean) | undefined {
    const wanted: number[] = [];
    for (const [name, values] of Object.entries(selected)) {
      for (const value of values ?? []) {
        const number = this.numberOf.get(valueKey(name, value));
        if (number === undefined) return () => false;
        wanted.push(number);
      }
    }
    if (wanted.length === 0) return undefined;
    return (row) => {
      const end = this.rowStart[row + 1]!;
      return wanted.every((v) => {
        for (let i = this.rowStart[row]!; i < end; i++) if (this.rowValues[i] === v) return true;
        return false;
      });
    };
  }

  /** The rows (newest first) carrying every selected value. */
  rowsWith(selected: SelectedFilters): number[] {
    const matches = this.matcher(selected);
    const rows: number[] = [];
    for (let row = 0; row < this.pages.length; row++) if (!matches || matches(row)) rows.push(row);
    return rows;
  }

  /** How many of `rows` carry each value: every filter, with every value at least one row carries. */
  count(rows: Iterable<number>): FilterCounts {
    const tally = new Uint32Array(this.values.length);
    for (const row of rows) {
      const end = this.rowStart[row + 1]!;
      for (let i = this.rowStart[row]!; i < end; i++) tally[this.rowValues[i]!]!++;
    }
    const counts: FilterCounts = {};
    this.values.forEach(([name, value], v) => {
      counts[name] ??= {};
      if (tally[v]) counts[name][value] = tally[v]!;
    });
    return counts;
  }
}

function writeVarint(bytes: number[], n: number): void {
  while (n >= 0x80) {
    bytes.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  bytes.push(n);
}

const valueKey = (name: string, value: string) => `${name}\0${value}`;
const codePointOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
