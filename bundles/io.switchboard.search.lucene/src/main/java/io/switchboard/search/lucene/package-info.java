/**
 * What the admin's searches (call records, text messages) share of their query language on
 * Lucene: names kept whole in any case, a number's plus taken literally, "NOT x" as everything
 * but x, and the parser's error in one line.
 */
package io.switchboard.search.lucene;
