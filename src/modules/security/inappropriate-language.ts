/**
 * SEC-1: a special customer password may not contain inappropriate language. The check sees
 * through case, accents, separators inside a word ("f.u.c.k", "f u c k"), repeated letters
 * ("shiiit") and the usual character substitutions (0->o, 1->i or l, 3->e, 4->a, 5->s, 7->t,
 * 8->b, @->a, $->s, !->i, |->l, +->t). Spaces between words stay boundaries, so a passphrase
 * like "this hit song" is not read as one word.
 */

/** Offensive wherever they appear inside a word. */
const ANYWHERE = [
  'fuck', 'fuk', 'fuq', 'phuck', 'shit', 'cunt', 'wanker', 'bollock', 'bitch', 'bastard', 'slut', 'whore',
  'nigger', 'nigga', 'faggot', 'motherf', 'asshole', 'arsehole', 'dickhead', 'bellend', 'bugger', 'piss',
  'pussy', 'retard', 'spastic', 'jizz', 'dildo', 'minge', 'tosser', 'cocksuck', 'wanking',
];

/** Offensive as a word of their own, innocent inside others (class, peacock, Dickens, scrap, Arsenal, swank). */
const WHOLE_WORD = [
  'ass', 'arse', 'cock', 'dick', 'prick', 'knob', 'crap', 'tit', 'tits', 'fag', 'fags', 'rape', 'nazi', 'paki',
  'spaz', 'cum', 'sex', 'porn', 'turd', 'bum', 'kike', 'chink', 'coon', 'wop', 'slag', 'twat', 'wank', 'shag', 'git',
];

/** Ordinary words and places containing an ANYWHERE entry. */
const ALLOWED = ['scunthorpe', 'shitake', 'shiitake'];

const SUBSTITUTIONS: Record<string, string> = {
  '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', '$': 's', '!': 'i', '|': 'l', '+': 't',
};

const stripAccents = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '');
/** Substitutions applied, with '1' read as `one` ('i' or 'l'); other characters kept. */
const substitute = (text: string, one: 'i' | 'l') => [...text].map((char) => (char === '1' ? one : SUBSTITUTIONS[char] ?? char)).join('');
const lettersOnly = (text: string) => text.replace(/[^a-z]/g, '');
const collapseRuns = (text: string) => text.replace(/([a-z])\1+/g, '$1');
const withoutAllowed = (text: string) => ALLOWED.reduce((rest, word) => rest.split(word).join('-'), text);
/** "MyArse1" -> "My Arse1": a capital inside a word starts a new word. */
const splitCamel = (text: string) => text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');

/** Space-separated chunks; runs of one-character chunks ("f u c k") are joined back into one. */
function chunks(text: string): string[] {
  const parts = text.split(/\s+/).filter(Boolean);
  const result: string[] = [];
  let singles = '';
  for (const part of parts) {
    if (part.length === 1) {
      singles += part;
      continue;
    }
    if (singles) result.push(singles);
    singles = '';
    result.push(part);
  }
  if (singles) result.push(singles);
  return result;
}

const offensive = (word: string) => {
  for (const form of [word, collapseRuns(word)]) {
    if (ANYWHERE.some((bad) => withoutAllowed(form).includes(bad))) return true;
    if (WHOLE_WORD.includes(form)) return true;
  }
  return false;
};

export function containsInappropriateLanguage(password: string): boolean {
  const plain = stripAccents(password);
  for (const one of ['i', 'l'] as const) {
    for (const chunk of chunks(plain.toLowerCase())) {
      // The whole chunk with separators removed: "f.u.c.k", "sh1t!", "a55".
      if (offensive(lettersOnly(substitute(chunk, one)))) return true;
    }
    // Words inside a chunk: split at camel case and at characters that are neither letters nor substitutions.
    const words = splitCamel(plain).toLowerCase().split(/[^\p{L}0-9@$!|+]+/u).filter(Boolean);
    for (const word of words) {
      if (offensive(lettersOnly(substitute(word, one))) || offensive(lettersOnly(word))) return true;
    }
  }
  return false;
}
