import { describe, expect, it } from 'vitest'
import type { ReportLine } from './report-markdown.js'
import {
  classifyCode, isCodeLine, isCommand, isStatementSentence, opensWithInfinitive, ownText, readExercise, readLabel,
  readNumberedTitle, readStep, Vocabulary,
} from './report-markers.js'

const line = (text: string, more: Partial<ReportLine> = {}): ReportLine => ({ line: 1, block: 1, text, quoted: false, emphasised: false, images: [], ...more })

describe('readLabel', () => {
  it.each([
    ['Question 4.a :', ['4.a']], ['Question 1-a', ['1.a']], ['#### 2.A', ['2.a']], ['1.c : Cette commande', ['1.c']],
    ['Question 8.1 :', ['8.a']], ['Question 8.2', ['8.b']], ['Questio 2.c.', ['2.c']], ['1. Question 8.a:', ['8.a']],
    ['Question 4.b - 4.c -', ['4.b', '4.c']], ['Questions 5.a et 5.b', ['5.a', '5.b']], ['Question 4.a - Lancer le conteneur', ['4.a']],
  ])('reads %s as %j', (text, ids) => {
    expect(readLabel(text)?.ids).toEqual(ids)
  })
  it('keeps the text after the label', () => {
    expect(readLabel('Question 1.b Vérifiez votre installation')?.rest.trim()).toBe('Vérifiez votre installation')
    expect(readLabel('2.a : Une image est un modèle')?.rest.trim()).toBe(': Une image est un modèle')
  })
  it('reads a number alone, a letter alone and a bare "Question :"', () => {
    expect(readLabel('Question 2 :')).toMatchObject({ ids: [], number: 2 })
    expect(readLabel('### Question 4 :')).toMatchObject({ ids: [], number: 4 })
    for (const text of ['a)', 'b :', 'c) ![capture](x.png)', 'd.', 'e -  docker stop', 'b)docker compose exec api sh']) expect(readLabel(text), text).toMatchObject({ ids: [], letter: text[0] })
    expect(readLabel('Question : Expliquez la différence')).toMatchObject({ ids: [], rest: ' Expliquez la différence' })
  })
  it.each(['Exercice 4 : Exécuter l’API', '4. Exécuter l’API', 'Questions de réflexion', 'c’est la réponse', 'à noter', '8000:8000', 'Python 3.13', '2024 bilan', 'Attention : rien'])(
    '%s is not a label', (text) => {
      expect(readLabel(text)).toBeUndefined()
    },
  )
})

describe('readExercise, readNumberedTitle and readStep', () => {
  it.each([['Exercice 4 : Exécuter l’API', 4], ['EXERCICE 2 : Premiers pas', 2], ['Exercie 1 : Installation', 1], ['Execice 7:', 7], ['Exercice n°3', 3], ['Ex. 5', 5], ['Partie 6', 6], ['**Exercice 8**', 8]])(
    'reads %s as exercise %d', (text, n) => {
      expect(readExercise(text)).toBe(n)
    },
  )
  it.each(['Exemple 1', 'Exécution 1', 'Exercice', 'Extrait 2'])('%s is no exercise', (text) => {
    expect(readExercise(text)).toBeUndefined()
  })
  it('reads numbered titles and steps', () => {
    expect(readNumberedTitle('4. Exécuter l’API FastAPI')).toEqual({ number: 4, roman: false })
    expect(readNumberedTitle('2 - Premiers pas')).toEqual({ number: 2, roman: false })
    expect(readNumberedTitle('VIII. Questions de réflexion')).toEqual({ number: 8, roman: true })
    expect(readNumberedTitle('IV. Exécuter l’API')).toEqual({ number: 4, roman: true })
    expect(readNumberedTitle('4.d')).toBeUndefined()
    expect(readNumberedTitle('Il faut')).toBeUndefined()
    expect([readStep('Étape 2 — Tester l’endpoint'), readStep('Etape 3: Construire'), readStep('##### Etape 1:'), readStep('Step 4'), readStep('Étapes suivantes')]).toEqual([2, 3, 1, 4, undefined])
  })
})

describe('the statement’s own text', () => {
  it.each([
    'Expliquez dans votre rapport le rôle de l’option -p 8000:8000.',
    'Ajoutez une capture d’écran de la réponse dans votre rapport.',
    'À l’intérieur du conteneur, tapez les commandes suivantes :',
    'Que se passe-t-il après cette commande ?',
    'Vous devriez voir un conteneur arrêté.',
    'from ________ import ________',
    '# TODO: importer FastAPI',
  ])('"%s" is the statement’s', (sentence) => {
    expect(isStatementSentence(sentence)).toBe(true)
  })
  it.each([
    'Le conteneur s’arrête car son processus principal est terminé.',
    'Il est utile de nettoyer assez souvent, chez soi comme en production.',
    'On observe le statut Exited.',
    "NameError: name 'app' is not defined. Did you mean: 'appi'?",
  ])('"%s" is the student’s', (sentence) => {
    expect(isStatementSentence(sentence)).toBe(false)
  })
  it('tells instructions that open with an infinitive', () => {
    expect(['Définir un service db ;', 'Arrêter les services avec docker compose down', 'Docker télécharge l’image', 'Entre les deux commandes', 'Le conteneur'].map(opensWithInfinitive))
      .toEqual([true, true, false, false, false])
  })
  it('keeps what the student wrote of a line', () => {
    expect(ownText(line('Le port est publié. Expliquez pourquoi dans votre rapport.'))).toBe('Le port est publié.')
    expect(ownText(line('Arrêter les services avec docker compose down ;', { emphasised: true, item: { ordered: false, text: '', list: [] } }))).toBe('')
    expect(ownText(line('Le conteneur devrait être arrêté. Expliquez pourquoi dans votre rapport.', { emphasised: true }))).toBe('')
    expect(ownText(line('Docker est correctement installé', { emphasised: true }))).toBe('Docker est correctement installé')
    const list = ['Définir un service db basé sur postgres:16 ;', 'Exposer les ports ;', 'Spécifier que l’API dépend de la base de données.']
    expect(ownText(line(list[2]!, { item: { ordered: false, text: list[2]!, list } }))).toBe('')
    const answers = ['Appliquer une nouvelle configuration.', 'Relancer un service bloqué.']
    expect(ownText(line(answers[0]!, { item: { ordered: true, number: 1, text: answers[0]!, list: answers } }))).toBe(answers[0])
    expect(ownText(line('docker compose up -d'))).toBe('')
  })
})

describe('commands and code', () => {
  it.each(['docker ps -a', '$ curl http://localhost:8000/health', 'http://localhost:8000/health', 'docker run alpine echo "Bonjour depuis un conteneur Alpine"', 'C:\\Users\\eleve\\tp1>docker build -t simple-api .', 'python --version', 'SELECT version();'])(
    '%s is a command', (text) => {
      expect(isCommand(text)).toBe(true)
    },
  )
  it.each(['docker ps -a affiche tous les conteneurs', 'docker stop : arrête un conteneur', 'Python 3.13 est installé dans l’image', 'SELECT version(); renvoie la version de PostgreSQL', 'Docker a bien téléchargé l’image'])(
    '%s is prose', (text) => {
      expect(isCommand(text)).toBe(false)
    },
  )
  it('classifies code blocks', () => {
    expect(classifyCode('from ________ import ________\napp = ________()')).toBe('skeleton')
    expect(classifyCode('docker compose up -d\ndocker compose ps\n')).toBe('commands')
    expect(classifyCode('ls\npython --version\nexit')).toBe('commands')
    expect(classifyCode('docker ps -a\nCONTAINER ID   IMAGE   STATUS\n3f2a   alpine  Exited (0)')).toBe('answer')
    expect(classifyCode('from fastapi import FastAPI\napp = FastAPI()')).toBe('answer')
  })
  it('recognises code pasted without a fence', () => {
    expect(['from fastapi import FastAPI', 'app = FastAPI()', '@app.get("/health")', 'def health():', 'return {"status": "ok"}', 'FROM python:3.13-slim', 'CMD ["uvicorn", "app:app"]', 'services:', 'image: postgres:16', '- "8000:8000"'].every(isCodeLine)).toBe(true)
    expect(['Le conteneur est arrêté.', 'Nom du conteneur : eager_morse', 'La commande docker ps affiche les conteneurs'].some(isCodeLine)).toBe(false)
  })
})

describe('Vocabulary', () => {
  const vocabulary = new Vocabulary([
    { id: '4.c', exercise: 4, about: ['docker ps', 'nom du conteneur'], graded: true },
    { id: '4.d', exercise: 4, about: ['docker ps -a', 'docker stop'], graded: true },
    { id: '4.b', exercise: 4, about: ['/health', 'curl'], graded: true },
    { id: '7.c', exercise: 7, about: ['redémarr*'], graded: true },
  ])
  const all = new Set(['4.b', '4.c', '4.d', '7.c'])
  it('counts each part of a text once, the longest term first', () => {
    expect(vocabulary.scores('docker ps -a puis docker stop', all)).toEqual(new Map([['4.d', 2]]))
    expect(vocabulary.best('docker ps : nom du conteneur, image', all)).toEqual({ id: '4.c', score: 2 })
  })
  it('matches terms without accents or case, prefixes, and terms that open with a sign', () => {
    expect(vocabulary.best('Après le REDEMARRAGE du service', all)?.id).toBe('7.c')
    expect(vocabulary.best('http://localhost:8000/health', all)?.id).toBe('4.b')
    expect(vocabulary.best('un curler', all)).toBeUndefined()
  })
  it('names no request when two tie, unless one is preferred', () => {
    expect(vocabulary.best('curl puis docker stop', all)).toBeUndefined()
    expect(vocabulary.best('curl puis docker stop', all, (id) => (id === '4.d' ? 1 : 0))?.id).toBe('4.d')
    expect(vocabulary.best('curl', new Set(['4.c']))).toBeUndefined()
  })
})
