import type { Db } from '../open';

/**
 * Two indexes. The quick search's (db/repos/item-query.ts): the search text of every item by
 * kind, so "which items of this kind contain these characters" scans narrow entries (~100 bytes)
 * instead of every item's row with its JSON (~1.5 KB). A search is a LIKE '%…%' — a Chinese
 * surname is one character, a full name two — so no b-tree seeks it; the point is the width of
 * what is scanned: over 100k applications the count of a search went from ~90 ms to ~20 ms here.
 * It costs a first sync little: the search text starts with the item's id, so new entries land
 * next to each other. (FTS5 with the trigram tokenizer was measured too: 7 ms for an id but ~56 ms
 * to count a common three-character term, nothing for one or two characters, and ~1 s per 100k
 * items to build; see issue 11's note.)
 */
export function up(db: Db): void {
  db.exec('CREATE INDEX items_by_kind_search ON items(kind, search_text)');
  // The deadline counts (the review pane's overview, the due-today and overdue views): items whose
  // clock runs (a status list) in a range of deadlines, counted inside this index alone. Counting
  // the "later" bucket read every row before: 320–740 ms over 100k applications, asked at login.
  // Led by the status, not the kind: an index led by the kind was taken for every `kind = ?` scan
  // of a sort no index serves, fetching the rows in status order instead of the table's (a sort by
  // applicant went from ~50 ms to 210–450 ms).
  db.exec('CREATE INDEX items_by_status_due ON items(status, due_at, kind)');
}
