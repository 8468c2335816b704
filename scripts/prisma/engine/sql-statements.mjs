/**
 * Does a SQL text hold more than one statement? libsql's `execute` silently runs only the first
 * statement of a multi-statement text, so the SQLite bridge must know when to switch to
 * `executeMultiple` instead (see adapters.mjs).
 *
 * A tokenizer, not a parser: it skips quoted strings/identifiers and comments, and reports whether
 * anything other than whitespace/comments follows a top-level `;`. A trigger body
 * (`BEGIN …; …; END`) counts as several statements, which is harmless: the script path runs it
 * correctly too.
 */

/**
 * @param {string} sql
 * @returns {boolean}
 */
export function hasMultipleStatements(sql) {
  let i = 0;
  let sawTerminator = false;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === ";") {
      sawTerminator = true;
      i++;
      continue;
    }
    if (sawTerminator) return true;
    if (c === "'" || c === '"' || c === "`" || c === "[") {
      i = skipQuoted(sql, i, c === "[" ? "]" : c);
      continue;
    }
    i++;
  }
  return false;
}

/**
 * @param {string} sql
 * @param {number} start index of the opening quote
 * @param {string} close the closing quote character (doubled inside means a literal quote)
 * @returns {number} index just past the closing quote
 */
function skipQuoted(sql, start, close) {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === close) {
      if (close !== "]" && sql[i + 1] === close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}
