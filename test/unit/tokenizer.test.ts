import * as assert from 'node:assert/strict';
import { normalize } from '../../src/core/normalize';
import { STOPWORDS, indexTerms, queryTerms, tokenize } from '../../src/core/tokenizer';

const terms = (s: string) => tokenize(s).map(t => t.term);

describe('normalize', () => {
  it('keeps the length of every string', () => {
    for (const s of ['Fargate', 'ＡＷＳ　ｒｅ：Ｉｎｖｅｎｔ', 'ｶﾀｶﾅ', '亞馬遜 ECS 能力提供者', 'café naïve', '😀 x \ud800 y', 'İstanbul', '𠀋𠀍']) {
      assert.equal(normalize(s).length, s.length, s);
    }
  });
  it('folds case, full-width ASCII, diacritics and half-width katakana', () => {
    assert.equal(normalize('Fargate FARGATE'), 'fargate fargate');
    assert.equal(normalize('ＥＣＳ'), 'ecs');
    assert.equal(normalize('café'), 'cafe');
    assert.equal(normalize('ｶﾀｶﾅ'), 'カタカナ');
  });
  it('folds traditional Chinese and Japanese shinjitai to simplified', () => {
    assert.equal(normalize('亞馬遜'), '亚马逊');
    assert.equal(normalize('實現'), '实现');
    assert.equal(normalize('検索'), normalize('檢索'));
    assert.equal(normalize('検索'), '检索');
    assert.equal(normalize('會議'), '会议');
  });
});

describe('tokenize', () => {
  it('keeps a version as one word, and drops the tail of a contraction', () => {
    assert.deepEqual(queryTerms('TiDB 7.5.6 Release Notes'), ['tidb', '7.5.6', 'release', 'notes']);
    assert.deepEqual(queryTerms("the server's cache isn't ready"), ['server', 'cache', 'isn', 'ready']);
    assert.deepEqual(indexTerms('Ruby 2.4.5 リリース.'), ['ruby', '2.4.5', 'リリ', 'リー', 'ース', 'ス']);
  });

  it('splits Latin text into lower-case words with offsets into the original', () => {
    const text = 'Minimize Blast-Radius (spike, etc.)';
    const tokens = tokenize(text);
    assert.deepEqual(tokens.map(t => t.term), ['minimize', 'blast', 'radius', 'spike', 'etc']);
    for (const t of tokens) assert.equal(normalize(text.slice(t.start, t.end)), t.term);
  });
  it('makes CJK bigrams plus the last character of each run', () => {
    assert.deepEqual(terms('爆炸半径'), ['爆炸', '炸半', '半径', '径']);
    assert.deepEqual(terms('酒'), ['酒']);
  });
  it('finds 爆炸半径 inside an unspaced sentence', () => {
    const sentence = terms('通过基于细胞的架构减小爆炸半径');
    for (const t of queryTerms('爆炸半径')) assert.ok(sentence.includes(t), t);
  });
  it('treats mixed scripts as separate runs', () => {
    assert.deepEqual(terms('亞馬遜ECS能力'), ['亚马', '马逊', '逊', 'ecs', '能力', '力']);
    assert.deepEqual(terms('Java のみっぽい'), ['java', 'のみ', 'みっ', 'っぽ', 'ぽい', 'い']);
  });
  it('uses bigrams only for multi-character CJK queries, the character alone for one', () => {
    assert.deepEqual(queryTerms('爆炸半径'), ['爆炸', '炸半', '半径']);
    assert.deepEqual(queryTerms('酒'), ['酒']);
    assert.deepEqual(queryTerms('blast radius blast'), ['blast', 'radius']);
  });
  it('indexTerms equals the terms of tokenize, without function words', () => {
    for (const s of ['ARC411-R – [REPEAT] 通过基于细胞的架构减小爆炸半径', 'zone 間はどうふりわけるのか? -> 53 っぽい', '', '   ', '𠀋𠀍a', 'design for failure and the blast radius']) {
      assert.deepEqual(indexTerms(s), terms(s).filter(t => !STOPWORDS.has(t)));
    }
    assert.deepEqual(indexTerms('design for failure'), ['design', 'failure']);
  });

  it('drops function words from queries that have other words', () => {
    assert.deepEqual(queryTerms('how to prevent sql injection'), ['prevent', 'sql', 'injection']);
    assert.deepEqual(queryTerms('the'), ['the']);
  });
  it('keeps supplementary-plane Han characters and drops emoji', () => {
    assert.deepEqual(terms('𠀋𠀍'), ['𠀋𠀍', '𠀍']);
    assert.deepEqual(terms('😀 ok'), ['ok']);
  });
  it('cuts very long words', () => {
    const [t] = tokenize('x'.repeat(10_000));
    assert.equal(t.term.length, 48);
    assert.equal(t.end, 10_000);
  });
  it('never throws on lone surrogates', () => {
    assert.deepEqual(terms('\ud800abc\udc00'), ['abc']);
  });
});
