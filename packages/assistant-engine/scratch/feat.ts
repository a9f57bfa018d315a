import { loadBanking77 } from '../src/eval/datasets.js';
import { TfidfVectorizer } from '../src/text/vectorizer.js';
const { train } = loadBanking77('/work/shared/datasets');
const vec = new TfidfVectorizer().fit(train.map(r => r.text));
const terms = (vec.toJSON().terms);
console.log(terms.filter(t=>t[0]==='w').length, terms.filter(t=>t[0]==='c').length);
console.log(vec.extract("I still haven't received my card, it's been 2 weeks!").join('|'));
