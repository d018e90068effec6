/*
 * The archive's search worker.
 *
 * Material's search box and result list talk to it as to Material's own worker, with the
 * same four messages (Material documents this as the way to bring one's own search). It
 * answers from the index the build made (build_tools/plugin/prebuilt_search.py): it loads
 * the pieces a query needs, keeps them, and never builds an index. The first results
 * therefore come as fast on 20,000 articles as on 5, but for a query that finds thousands
 * of pages: it is answered first with the best of them (`search`).
 *
 * It reads a query as Material's worker does:
 * - every word is also a prefix ("drone" finds "drones");
 * - "+word" must be there and "-word" must not;
 * - "quoted words" must all be there;
 * - lunr's "field:word", "word^2" (a boost) and "word~1" (one letter off) work.
 * It scores results as lunr does, and boosts, highlights and groups them by page as Material
 * does, so that the same query finds the same pages in the same order.
 * The query parser follows lunr 2.3.9's (MIT licence) and the query rewriting Material's
 * (MIT licence); the rest is the archive's own.
 */
"use strict"

const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

const OPTIONAL = 1
const REQUIRED = 2
const PROHIBITED = 3

/* The index: its configuration and manifest, then the pieces loaded so far. */
let settings = null
const wordPieces = new Map()
const docPieces = new Map()
const received = new Map()

/* Each piece is a script that hands its data to this function. */
self.archiveShard = (kind, key, data) => {
  received.set(`${kind}/${key}`, data)
}

/* From file://, the offline plugin's shim runs this worker in a hidden frame of the page,
 * where `location` is the page's and scripts load through <script> elements. */
const inFrame = typeof document !== "undefined"

function script(url) {
  if (!inFrame) {
    try {
      importScripts(url)
    } catch (error) {
      console.warn(`Search: cannot load ${url}`, error)
    }
    return Promise.resolve()
  }
  return new Promise(resolve => {
    const element = document.createElement("script")
    element.src = url
    element.onload = element.onerror = () => resolve()
    document.body.appendChild(element)
  })
}

/* The pieces asked for and not loaded yet, by kind and key, in the order they were asked
 * for, each with the queries waiting for it. A few load at a time (one in a worker, where
 * a script loads before anything else runs), and a piece that only queries overtaken by a
 * newer one wait for is not loaded at all: the first letter typed asks for every piece of
 * the words starting with it (megabytes at 20,000 articles), which the next letters do not
 * need. Queries that want the same piece at once share its loading. */
const wanted = new Map()
const LOADS_AT_ONCE = inFrame ? 8 : 1
let loadsRunning = 0

/* The next pieces are chosen in a task of their own, after the queries that came in the
 * meantime (a message channel, unlike a timer, adds no delay). */
const turns = new MessageChannel()
turns.port1.onmessage = () => startLoads()
const nextTurn = () => turns.port2.postMessage(null)

/** Load the pieces not loaded yet (by kind, key and file) that a query, until `stale()`,
 *  waits for; resolves when they are loaded, or dropped because it became stale. */
function load(kind, store, pieces, stale) {
  const arrivals = pieces
    .filter(([key]) => !store.has(key))
    .map(([key, file]) => {
      const name = `${kind}/${key}`
      if (!wanted.has(name))
        wanted.set(name, { key, store, file, waiting: [], started: false })
      return new Promise(done => wanted.get(name).waiting.push({ stale, done }))
    })
  if (arrivals.length)
    nextTurn()
  return Promise.all(arrivals)
}

/** Start loading the next pieces still waited for, dropping those no query waits for. */
function startLoads() {
  for (const [name, piece] of wanted) {
    if (loadsRunning >= LOADS_AT_ONCE)
      return
    if (piece.started)
      continue
    for (const query of piece.waiting.filter(query => query.stale()))
      query.done()
    piece.waiting = piece.waiting.filter(query => !query.stale())
    if (piece.waiting.length === 0) {
      wanted.delete(name)
      continue
    }
    piece.started = true
    loadsRunning += 1
    script(new URL(piece.file, settings.base).href).then(() => {
      // A piece that did not come (a network error) is not kept: the next query asks again.
      if (received.has(name))
        piece.store.set(piece.key, received.get(name))
      received.delete(name)
      wanted.delete(name)
      loadsRunning -= 1
      for (const query of piece.waiting)
        query.done()
      nextTurn()
    })
  }
}

function setup(config) {
  const manifest = config.archive
  if (!manifest || manifest.format !== 3)
    throw new TypeError("This search index was not made for this worker")
  const characters = manifest.word_characters
  settings = {
    base: new URL(
      "../../../search/",
      inFrame ? document.querySelector("script[src]").src : self.location.href
    ),
    fields: Object.keys(config.fields),
    fieldBoosts: Object.values(config.fields).map(field => field.boost || 1),
    separator: new RegExp(config.separator, "g"),
    trimStart: new RegExp(`^[^${characters}]+`),
    trimEnd: new RegExp(`[^${characters}]+$`),
    englishStopWords: new Set(manifest.english_stop_words),
    prefixes: new Set(manifest.prefixes),
    prefixLength: manifest.prefix_length,
    documents: manifest.documents,
    k1: manifest.k1,
    boosts: new Map(Object.entries(manifest.boosts)),
    idBits: manifest.id_bits,
    bucketBits: manifest.bucket_bits,
    buckets: manifest.buckets,
  }
}

/* ----------------------------------------------------------------------------------------
 * Documents: "<page>" for a page's first, "<page>.<n>" for a section after it
 * ------------------------------------------------------------------------------------- */

/** The piece of documents holding a document: the first bits of its id (base 32). */
function bucketOf(doc) {
  const { idBits, bucketBits } = settings
  return Math.floor(parseInt(doc.slice(0, idBits / 5), 32) / 2 ** (idBits - bucketBits))
}

/** The page document of a section document, null for a page's own. */
function parentOf(doc) {
  const dot = doc.indexOf(".")
  return dot === -1 ? null : doc.slice(0, dot)
}

/** Load the pieces holding these documents, for a query until `stale()`. */
function loadDocs(docs, stale) {
  const buckets = new Set(docs.map(bucketOf))
  const pieces = [...buckets].map(bucket => [bucket, `docs/${bucket}.js`])
  return load("docs", docPieces, pieces, stale)
}

/** Every document of the index, in the order of their addresses (every piece of
 *  documents loaded): what a query that only excludes words lists, all of equal score. */
async function allDocs(stale) {
  const buckets = settings.buckets
  await load("docs", docPieces, buckets.map(bucket => [bucket, `docs/${bucket}.js`]), stale)
  if (stale()) // pieces may have been dropped, and the query is not answered
    return []
  const docs = buckets.flatMap(bucket => Object.entries(docPieces.get(bucket) || {}))
  docs.sort(([, a], [, b]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return docs.map(([doc]) => doc)
}

/* ----------------------------------------------------------------------------------------
 * Words of the index
 * ------------------------------------------------------------------------------------- */

function shardName(prefix) {
  return Array.from(prefix, c => c.codePointAt(0).toString(16)).join("-") + ".js"
}

/** The keys of the pieces holding the words that start with `start`. */
function prefixesOf(start) {
  const head = Array.from(start).slice(0, settings.prefixLength).join("")
  return [...settings.prefixes].filter(key =>
    head.length === settings.prefixLength ? key === head : key.startsWith(head)
  )
}

/** The start every word a clause stands for has ("" for any word). */
function clauseStart(clause) {
  if (clause.editDistance || !clause.term)
    return ""
  const star = clause.term.indexOf("*")
  return star === -1 ? clause.term : clause.term.slice(0, star)
}

/** The indexed words (loaded) that start with `start`, as [word, postings] pairs. */
function wordsStartingWith(start) {
  const pairs = []
  for (const key of prefixesOf(start))
    for (const pair of Object.entries(wordPieces.get(key) || {}))
      if (pair[0].startsWith(start))
        pairs.push(pair)
  return pairs
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

/** True if `a` and `b` are at most `limit` edits apart (insertions, deletions,
 *  substitutions and swaps of neighbours, as lunr's fuzzy matching counts them). */
function near(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit)
    return false
  let before = null
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j], before[j - 2] + 1)
    }
    before = previous
    previous = row
  }
  return previous[b.length] <= limit
}

/** The indexed words a clause stands for, as [word, postings] pairs. */
function expand(clause) {
  const term = clause.term
  if (!term)
    return []
  if (clause.editDistance)
    return wordsStartingWith("").filter(([word]) => near(term, word, clause.editDistance))
  if (!term.includes("*"))
    return wordsStartingWith(term).filter(([word]) => word === term)
  const pattern = new RegExp(`^${term.split("*").map(escapeRegExp).join(".*")}$`)
  return wordsStartingWith(clauseStart(clause)).filter(([word]) => pattern.test(word))
}

/* ----------------------------------------------------------------------------------------
 * Queries, as lunr 2.3.9 lexes and parses them
 * ------------------------------------------------------------------------------------- */

const EOS = "EOS"
const FIELD = "FIELD"
const TERM = "TERM"
const PRESENCE = "PRESENCE"
const BOOST = "BOOST"
const EDIT_DISTANCE = "EDIT_DISTANCE"
/* lunr's default separator, which its query lexer keeps whatever the index's is. */
const TERM_SEPARATOR = /[\s-]/

class QueryLexer {
  constructor(text) {
    this.lexemes = []
    this.text = text
    this.pos = 0
    this.start = 0
    this.escapes = []
  }

  run() {
    let state = lexText
    while (state)
      state = state(this)
    return this.lexemes
  }

  slice() {
    const parts = []
    let from = this.start
    for (const escape of this.escapes) {
      parts.push(this.text.slice(from, escape))
      from = escape + 1
    }
    parts.push(this.text.slice(from, this.pos))
    this.escapes.length = 0
    return parts.join("")
  }

  emit(type) {
    this.lexemes.push({ type, str: this.slice(), start: this.start, end: this.pos })
    this.start = this.pos
  }

  next() {
    if (this.pos >= this.text.length)
      return EOS
    return this.text.charAt(this.pos++)
  }

  width() {
    return this.pos - this.start
  }

  ignore() {
    if (this.start === this.pos)
      this.pos += 1
    this.start = this.pos
  }

  acceptDigits() {
    let char
    do {
      char = this.next()
    } while (char !== EOS && char >= "0" && char <= "9")
    if (char !== EOS)
      this.pos -= 1
  }
}

function lexText(lexer) {
  for (;;) {
    const char = lexer.next()
    if (char === EOS)
      return lexEnd
    if (char === "\\") {
      lexer.escapes.push(lexer.pos - 1)
      lexer.pos += 1
      continue
    }
    if (char === ":")
      return lexField
    if (char === "~" || char === "^") {
      lexer.pos -= 1
      if (lexer.width() > 0)
        lexer.emit(TERM)
      return char === "~" ? lexEditDistance : lexBoost
    }
    if ((char === "+" || char === "-") && lexer.width() === 1) {
      lexer.emit(PRESENCE)
      continue
    }
    if (TERM_SEPARATOR.test(char))
      return lexTerm
  }
}

function lexField(lexer) {
  lexer.pos -= 1
  lexer.emit(FIELD)
  lexer.ignore()
  return lexText
}

function lexTerm(lexer) {
  if (lexer.width() > 1) {
    lexer.pos -= 1
    lexer.emit(TERM)
  }
  lexer.ignore()
  return lexer.pos < lexer.text.length ? lexText : null
}

function lexEditDistance(lexer) {
  lexer.ignore()
  lexer.acceptDigits()
  lexer.emit(EDIT_DISTANCE)
  return lexText
}

function lexBoost(lexer) {
  lexer.ignore()
  lexer.acceptDigits()
  lexer.emit(BOOST)
  return lexText
}

function lexEnd(lexer) {
  if (lexer.width() > 0)
    lexer.emit(TERM)
  return null
}

/** The clauses of a query, with lunr's defaults; throws on a query lunr refuses. */
function parseQuery(text, fields) {
  const lexemes = new QueryLexer(text).run()
  const clauses = []
  let at = 0
  let clause = {}
  const fail = found => {
    throw new SyntaxError(`Invalid query: ${text} (at ${found ? found.str : "its end"})`)
  }
  const close = () => {
    clauses.push({ fields, boost: 1, presence: OPTIONAL, ...clause })
    clause = {}
  }
  const afterTerm = () => {
    const next = lexemes[at]
    if (!next) {
      close()
      return null
    }
    switch (next.type) {
      case TERM: close(); return parseTerm
      case FIELD: close(); return parseField
      case PRESENCE: close(); return parsePresence
      case EDIT_DISTANCE: return parseNumber("editDistance")
      case BOOST: return parseNumber("boost")
      default: return fail(next)
    }
  }
  const parseTerm = () => {
    clause.term = lexemes[at++].str.toLowerCase()
    return afterTerm()
  }
  const parseNumber = key => () => {
    const lexeme = lexemes[at++]
    const value = parseInt(lexeme.str, 10)
    if (Number.isNaN(value))
      fail(lexeme)
    clause[key] = value
    return afterTerm()
  }
  const parseField = () => {
    const lexeme = lexemes[at++]
    if (!fields.includes(lexeme.str))
      fail(lexeme)
    clause.fields = [lexeme.str]
    if (!lexemes[at] || lexemes[at].type !== TERM)
      fail(lexemes[at])
    return parseTerm
  }
  const parsePresence = () => {
    const lexeme = lexemes[at++]
    clause.presence = lexeme.str === "-" ? PROHIBITED : REQUIRED
    const next = lexemes[at]
    if (!next || (next.type !== FIELD && next.type !== TERM))
      fail(next)
    return next.type === FIELD ? parseField : parseTerm
  }
  const parseClause = () => {
    const next = lexemes[at]
    if (!next)
      return null
    switch (next.type) {
      case PRESENCE: return parsePresence
      case FIELD: return parseField
      case TERM: return parseTerm
      default: return fail(next)
    }
  }
  let state = parseClause
  while (state)
    state = state()
  return clauses
}

/** The pieces of `text` between matches of the index's separator, as [start, end]. */
function pieces(text) {
  const found = []
  const separator = settings.separator
  separator.lastIndex = 0
  let from = 0
  let match
  do {
    match = separator.exec(text)
    const until = match ? match.index : text.length
    if (from < until)
      found.push([from, until])
    if (match) {
      from = match.index + match[0].length
      if (match[0].length === 0)
        separator.lastIndex = match.index + 1
    }
  } while (match)
  return found
}

/** A query as Material rewrites it before lunr reads it: quoted words required, the
 *  index's separator applied inside words, a trailing wildcard on plain words. */
function rewrite(query) {
  return query
    .trim()
    .split(/"([^"]+)"/g)
    .map((part, index) => (index & 1 ? part.replace(/^\b|^(?![^\x00-\x7F]|$)|\s+/g, " +") : part))
    .join("")
    .replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g, "")
    .split(/\s+/g)
    .flatMap(splitPart)
    .map(term => (/([~^]$)/.test(term) ? `${term}1` : term))
    .map(term => (/(^[+-]|[~^]\d+$)/.test(term) ? term : `${term}*`))
    .join(" ")
}

function splitPart(part) {
  const terms = []
  for (const { type, str, start, end } of new QueryLexer(part).run()) {
    if (type === FIELD && !["title", "text", "tags"].includes(str))
      part = `${part.slice(0, end)} ${part.slice(end + 1)}`
    if (type === TERM)
      for (const [from, until] of pieces(str))
        terms.push(part.slice(0, start) + str.slice(from, until) + part.slice(end))
  }
  return terms
}

/* ----------------------------------------------------------------------------------------
 * Scoring, as lunr's Index.query does
 * ------------------------------------------------------------------------------------- */

function intersect(a, b) {
  if (a === null)
    return b
  if (b === null)
    return a
  return new Set([...a].filter(x => b.has(x)))
}

/** lunr's weight of a word in a field of a document, from how often it occurs there
 *  (BM25 with b = 0, the field's and the document's boosts, rounded as lunr rounds). */
function weight(idf, count, field, doc) {
  const k1 = settings.k1
  let score = idf * ((k1 + 1) * count) / (k1 + count)
  score *= settings.fieldBoosts[field]
  score *= settings.boosts.get(doc) || 1
  return Math.round(score * 1000) / 1000
}

/* A word's postings as a piece holds them, decoded once: field by field, the documents
 * holding it and how often ("id" once, "id*n" n times). */
const decodedPostings = new Map()

function decoded(word, texts) {
  let postings = decodedPostings.get(word)
  if (!postings) {
    postings = texts.map(text => {
      const docs = []
      const counts = []
      for (const token of text ? text.split(" ") : []) {
        const star = token.indexOf("*")
        docs.push(star === -1 ? token : token.slice(0, star))
        counts.push(star === -1 ? 1 : Number(token.slice(star + 1)))
      }
      return { docs, counts }
    })
    decodedPostings.set(word, postings)
  }
  return postings
}

/** lunr's idf of a word: a document counts once per field that holds it. */
function idf(postings) {
  const holding = postings.reduce((sum, { docs }) => sum + docs.length, 0)
  const x = (settings.documents - holding + 0.5) / (holding + 0.5)
  return Math.log(1 + Math.abs(x))
}

/** The documents a query finds, best first: {doc, score, words (by field)}; `every` is
 *  every document, for a query that only prohibits words. The query's vector is known
 *  once every clause is read; each document's field is then scored in one pass over the
 *  postings of the words found in it. */
function run(clauses, every) {
  const fields = settings.fields
  const vectors = fields.map(() => new Map())
  const required = new Map()
  const prohibited = new Map()
  const scored = [] // each word of each field to score, once, in the order met
  const met = new Set()
  for (const clause of clauses) {
    const positions = clause.fields.map(name => fields.indexOf(name))
    const expanded = expand(clause)
    if (expanded.length === 0 && clause.presence === REQUIRED) {
      for (const f of positions)
        required.set(f, new Set())
      continue
    }
    const found = new Set()
    for (const [word, texts] of expanded) {
      const postings = decoded(word, texts)
      for (const f of positions) {
        const { docs } = postings[f]
        if (clause.presence === REQUIRED) {
          for (const doc of docs)
            found.add(doc)
          if (!required.has(f))
            required.set(f, null)
        }
        if (clause.presence === PROHIBITED) {
          if (!prohibited.has(f))
            prohibited.set(f, new Set())
          for (const doc of docs)
            prohibited.get(f).add(doc)
          continue
        }
        vectors[f].set(word, (vectors[f].get(word) || 0) + clause.boost)
        if (!met.has(`${word}/${f}`)) {
          met.add(`${word}/${f}`)
          scored.push({ word, field: f, postings: postings[f], idf: idf(postings) })
        }
      }
    }
    if (clause.presence === REQUIRED)
      for (const f of positions)
        required.set(f, intersect(required.get(f), found))
  }
  let allowed = null
  for (const set of required.values())
    allowed = intersect(allowed, set)
  const refused = new Set()
  for (const set of prohibited.values())
    for (const doc of set)
      refused.add(doc)
  const magnitudes = vectors.map(v => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)))
  const matches = fields.map(() => new Map()) // by field, by document
  const order = [] // the matches in the order they were met
  for (const { word, field, postings, idf } of scored) {
    const { docs, counts } = postings
    const boost = vectors[field].get(word)
    const byDoc = matches[field]
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]
      let match = byDoc.get(doc)
      if (!match) {
        byDoc.set(doc, (match = { doc, field, dot: 0, words: [] }))
        order.push(match)
      }
      match.dot += boost * weight(idf, counts[i], field, doc)
      match.words.push(word)
    }
  }
  let refs = order
  if (every) {
    refs = []
    for (const doc of every)
      for (let f = 0; f < fields.length; f++)
        refs.push(matches[f].get(doc) || { doc, field: f, dot: 0, words: [] })
  }
  const results = new Map()
  for (const { doc, field, dot, words } of refs) {
    if ((allowed !== null && !allowed.has(doc)) || refused.has(doc))
      continue
    const score = dot / magnitudes[field] || 0
    if (!results.has(doc))
      results.set(doc, { doc, score: 0, words: new Map() })
    const result = results.get(doc)
    result.score += score
    result.words.set(field, words)
  }
  return [...results.values()].sort((a, b) => b.score - a.score)
}

/* ----------------------------------------------------------------------------------------
 * Results, as Material's worker makes them
 * ------------------------------------------------------------------------------------- */

/** What a result shows of a document: [location, title, text, tags]. */
function shown(doc) {
  return (docPieces.get(bucketOf(doc)) || {})[doc] || [`#${doc}`, "", "", null]
}

/** Which words of the query a document has (true), or misses (false; stop words and empty
 *  words are not said missing), as Material tells the result list. */
function queryTerms(clauses, words) {
  const left = new Set(clauses)
  const terms = {}
  for (const word of words)
    for (const clause of left)
      if (word.startsWith(clause.term)) {
        terms[clause.term] = true
        left.delete(clause)
      }
  for (const clause of left)
    if (clause.term && !settings.englishStopWords.has(clause.term))
      terms[clause.term] = false
  return terms
}

function indexed(token) {
  return token.toLowerCase().replace(settings.trimStart, "").replace(settings.trimEnd, "")
}

/**
 * A field with the words found marked: the whole field (`full`), or only its top-level
 * HTML elements that hold a word found, two at most, as Material shows a text.
 */
function highlight(value, words, full) {
  if (!words || words.length === 0)
    return value
  const wanted = new Set(words)
  const blocks = []
  let block = { start: null, end: 0, marks: [] }
  const enter = (from, to) => {
    if (block.start === null)
      block.start = from
    block.end = to
  }
  const text = (from, to) => {
    for (const [a, b] of pieces(value.slice(from, to))) {
      enter(from + a, from + b)
      if (wanted.has(indexed(value.slice(from + a, from + b))))
        block.marks.push([from + a, from + b])
    }
  }
  let start = 0
  let depth = 0
  for (let end = 0; end < value.length; end++) {
    const char = value.charAt(end)
    if (char === "<" && end > start) {
      text(start, end)
      start = end
    } else if (char === ">") {
      if (value.charAt(start + 1) === "/") {
        if (--depth === 0) {
          enter(start, end + 1)
          blocks.push(block)
          block = { start: null, end: 0, marks: [] }
        }
      } else if (value.charAt(end - 1) !== "/" && depth++ === 0) {
        enter(start, end + 1)
      }
      start = end + 1
    }
  }
  if (value.length > start)
    text(start, value.length)
  if (block.start !== null)
    blocks.push(block)
  const marked = (from, to, marks) => {
    let out = ""
    let at = from
    for (const [a, b] of marks) {
      out += `${value.slice(at, a)}<mark>${value.slice(a, b)}</mark>`
      at = b
    }
    return out + value.slice(at, to)
  }
  const all = blocks.flatMap(b => b.marks)
  if (full)
    return marked(0, value.length, all)
  if (all.length === 0)
    return value
  return blocks
    .filter(b => b.marks.length)
    .slice(0, 2)
    .map(b => marked(b.start, b.end, b.marks))
    .join("")
}

/* The pages a query's first answer shows whole when it finds more: Material's result list
 * shows ten, then four more each time the reader scrolls to its end; and a query that finds
 * every one of 20,000 articles would otherwise wait for every piece of documents (9 MB)
 * and the marking of 40,000 titles and texts. */
const FIRST_PAGES = 20

/**
 * The results of a query, or null if a newer query came while its pieces loaded. When the
 * documents of the first FIRST_PAGES pages found are loaded and those of the others are
 * not, `early` is given a first answer (marked `partial`): every page found, in its place,
 * the others as placeholders that hold their scores only.
 */
async function search(query, stale, early) {
  const rewritten = rewrite(query)
  if (!rewritten)
    return { items: [] }
  const clauses = parseQuery(rewritten, ["title", "text", "tags"])
    .filter(clause => clause.presence !== PROHIBITED)
    .map(clause => ({ ...clause, term: clause.term.replace(/^\*/, "").replace(/\*$/, "") }))
  const parsed = parseQuery(rewritten, settings.fields)
  const keys = new Set(parsed.flatMap(clause => prefixesOf(clauseStart(clause))))
  const pieces = [...keys].map(key => [key, `terms/${shardName(key)}`])
  await load("terms", wordPieces, pieces, stale)
  if (stale())
    return null
  const onlyProhibited = parsed.every(clause => clause.presence === PROHIBITED)
  const every = onlyProhibited ? await allDocs(stale) : null
  if (stale())
    return null
  const pages = rankedPages(run(parsed, every), clauses)
  await loadDocs(pages.slice(0, FIRST_PAGES).flatMap(documentsOf), stale)
  if (stale())
    return null
  const rest = pages.slice(FIRST_PAGES).flatMap(documentsOf)
  if (rest.some(doc => !docPieces.has(bucketOf(doc)))) {
    const first = (page, n) => (n < FIRST_PAGES ? shownPage(page) : placeholder(page))
    early({ items: pages.map(first), partial: true })
    await loadDocs(rest, stale)
    if (stale())
      return null
  }
  return { items: pages.map(shownPage) }
}

/** The pages found, best first, each with its results best first, as
 *  { page, results: [{ doc, score, words, terms }] }: scored as Material's worker does. */
function rankedPages(found, clauses) {
  const results = found.map(({ doc, score, words }) => {
    const terms = queryTerms(clauses, [...new Set([...words.values()].flat())])
    const values = Object.values(terms)
    const boost = +!parentOf(doc) + values.filter(Boolean).length / values.length
    return { doc, score: score * (1 + boost ** 2), words, terms }
  })
  results.sort((a, b) => b.score - a.score)
  const pages = new Map()
  for (const result of results) {
    const page = parentOf(result.doc) || result.doc
    if (!pages.has(page))
      pages.set(page, [])
    pages.get(page).push(result)
  }
  return [...pages].map(([page, its]) => ({ page, results: its }))
}

/** The documents a page found shows: its results' and its own. */
function documentsOf({ page, results }) {
  return [page, ...results.map(({ doc }) => doc)]
}

/** A page found as the result list shows it, the words found marked; the page itself last,
 *  unmarked, when only its sections were found. */
function shownPage({ page, results }) {
  const fields = settings.fields
  const items = results.map(({ doc, score, words, terms }) => {
    const [location, title, text, tags] = shown(doc)
    const item = { location, title, text }
    if (tags)
      item.tags = tags.map(tag => highlight(tag, words.get(fields.indexOf("tags")), true))
    item.title = highlight(title, words.get(fields.indexOf("title")), true)
    item.text = highlight(text, words.get(fields.indexOf("text")), false)
    item.score = score
    item.terms = terms
    return item
  })
  if (!results.some(({ doc }) => doc === page)) {
    const [location, title, text, tags] = shown(page)
    items.push({ location, title, text, ...(tags ? { tags } : {}), score: 0, terms: {} })
  }
  return items
}

/** A page found whose documents are not loaded yet: its results' scores, nothing to show. */
function placeholder({ results }) {
  return results.map(({ score, terms }) => ({ location: "", title: "", text: "", score, terms }))
}

/* Each query is answered as soon as its pieces are there (`load`), not after the queries
 * before it; a query overtaken by a newer one is dropped unanswered (the result list shows
 * the newest). */
let latest = 0

async function answer(query, ticket) {
  const stale = () => ticket !== latest
  try {
    const data = await search(query, stale, first => postMessage({ type: RESULT, data: first }))
    if (data)
      postMessage({ type: RESULT, data })
  } catch (error) {
    console.warn(`Invalid query: ${query}`, error)
    postMessage({ type: RESULT, data: { items: [] } })
  }
}

addEventListener("message", event => {
  const message = event.data
  if (message.type === SETUP) {
    setup(message.data.config)
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    answer(message.data, ++latest)
  } else {
    throw new TypeError("Invalid message type")
  }
})
