/**
 * Related articles from an inverted index: each entity (person, organization, topic, place,
 * country) maps to the articles that name it, and an article's candidates are only the articles
 * that share at least one entity with it. A shared entity scores its inverse document frequency,
 * ln(1 + N / df), so a rarely named minister outweighs a topic half the archive shares.
 * Ties go to the newer article, then to the URL, so the result is deterministic.
 */

export interface RelatedInput {
  /** Entity keys of each article, e.g. `people/zhaslan-madiyev`. */
  entities: readonly string[];
}

export interface RelatedOptions {
  /** How many related articles to return. */
  count: number;
  /**
   * For entities named by more articles than this, only this many postings nearest in time to
   * the article are scored, which keeps the work per article bounded on large archives.
   */
  postingWindow: number;
}

export const defaultRelatedOptions: RelatedOptions = { count: 4, postingWindow: 600 };

/**
 * Builds a lookup that returns, for the article at `rank`, the ranks of its related articles.
 * `articles` must be sorted newest first; a rank is an index into that order.
 */
export function relatedIndex(articles: readonly RelatedInput[], options: RelatedOptions = defaultRelatedOptions): (rank: number) => number[] {
  const postings = new Map<string, number[]>();
  articles.forEach((article, rank) => {
    for (const key of article.entities) {
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push(rank);
    }
  });
  const total = articles.length;
  const weight = (df: number) => Math.log(1 + total / df);

  // One score per article, reused from call to call: only the candidates touched are read and reset.
  const scores = new Float64Array(total);
  const touched: number[] = [];
  return (rank) => {
    for (const key of articles[rank]?.entities ?? []) {
      const list = postings.get(key)!;
      const w = weight(list.length);
      const [from, to] = window(list, rank, options.postingWindow);
      for (let i = from; i < to; i++) {
        const other = list[i]!;
        if (other === rank) continue;
        if (scores[other] === 0) touched.push(other);
        scores[other] += w;
      }
    }
    // The best `count`, highest score first, then the newer (lower rank): a sort of every candidate, kept short.
    const chosen: number[] = [];
    const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
    for (const other of touched) {
      if (chosen.length === options.count && !better(other, chosen[chosen.length - 1]!)) continue;
      let at = chosen.length;
      while (at > 0 && better(other, chosen[at - 1]!)) at--;
      chosen.splice(at, 0, other);
      if (chosen.length > options.count) chosen.pop();
    }
    for (const other of touched) scores[other] = 0;
    touched.length = 0;
    // Too few articles share anything: make up the block with the latest other stories.
    for (let other = 0; chosen.length < Math.min(3, options.count) && other < total; other++) {
      if (other !== rank && !chosen.includes(other)) chosen.push(other);
    }
    return chosen;
  };
}

/** The slice of a sorted posting list of at most `size` ranks centred on `rank`. */
function window(list: readonly number[], rank: number, size: number): [number, number] {
  if (list.length <= size) return [0, list.length];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < rank) lo = mid + 1;
    else hi = mid;
  }
  const from = Math.max(0, Math.min(lo - Math.floor(size / 2), list.length - size));
  return [from, from + size];
}
