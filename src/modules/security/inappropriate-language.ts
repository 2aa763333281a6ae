import { DataSet, englishDataset, englishRecommendedTransformers, pattern, RegExpMatcher } from 'obscenity';

/**
 * SEC-1: a special customer password may not contain inappropriate language. The word list and the
 * matcher are the maintained `obscenity` package's English set: it sees through case, accents,
 * look-alike characters from other alphabets (Cyrillic "ѕhіt"), leetspeak ("sh1t", "@$$") and
 * repeated letters ("shiiit"). Our additions are British terms it lacks, and place or word names it
 * would refuse wrongly ("Pissarro", "Fukuoka", "Mishit").
 */

/** British insults the English set lacks. Short ones only as whole words, so "Knobbly" and "digit" pass. */
const BRITISH = ['knobhead', 'bellend', 'tosser', 'arsewipe', 'pillock', 'minge', 'bollock', 'wanker'];
const BRITISH_WHOLE_WORDS = ['knob', 'git', 'slag', 'crap', 'prick', 'piss', 'wank', 'shag', 'twat'];

/** Ordinary words and names that contain a listed term. */
const INNOCENT = ['pissarro', 'fukuoka', 'mishit', 'scunthorpe', 'shitake', 'shiitake', 'cocktail', 'passage'];

const dataset = new DataSet<{ originalWord: string }>().addAll(englishDataset);
for (const word of BRITISH) dataset.addPhrase((phrase) => phrase.setMetadata({ originalWord: word }).addPattern(pattern`${word}`));
for (const word of BRITISH_WHOLE_WORDS) dataset.addPhrase((phrase) => phrase.setMetadata({ originalWord: word }).addPattern(pattern`|${word}|`));
const terms = dataset.build();
const matcher = new RegExpMatcher({
  ...terms,
  whitelistedTerms: [...(terms.whitelistedTerms ?? []), ...INNOCENT],
  ...englishRecommendedTransformers,
});

/** "f.u.c.k", "f u c k": single letters with separators between them read as one word. */
const joinSpelledOut = (text: string) => text.replace(/\b(\w)[ .\-_*]+(?=\w\b)/g, '$1');
/** "MyArse1" -> "My Arse1": a capital inside a word starts a new word. */
const splitCamel = (text: string) => text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');

export function containsInappropriateLanguage(password: string): boolean {
  return [password, joinSpelledOut(password), splitCamel(password)].some((text) => matcher.hasMatch(text));
}
