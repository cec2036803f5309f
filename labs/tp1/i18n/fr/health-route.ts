import type { Tp1Catalogue as Catalogue } from '../en/index.js'

type Entries = Catalogue['healthRoute']
type WantedRoute = Parameters<Entries['noRoute']>[1]

const decorator = ({ path, app }: WantedRoute) => `@${app}.get("${path}")`
const variableOf = (appModule: string) => appModule.slice(appModule.indexOf(':') + 1)

export const healthRoute: Entries = {
  quote: (line, text) => `ligne ${line} : ${text}`,
  syntax: {
    error: (file, problem, shown) => ({
      message: `${file} contient une erreur de syntaxe à la ligne ${problem.line} (${problem.what}) : Python ne peut pas l’importer, donc uvicorn ne peut pas démarrer l’application`,
      expected: `${file} est du Python valide`,
      seen: shown.join('\n'),
      fix: `${problem.hint} Lancez \`python -m py_compile ${file}\` pour voir le message d’erreur de Python lui-même.`,
    }),
    invalidSyntax: (line) => `Vérifiez la ligne ${line} et la fin de la ligne précédente : un ':' manquant après def/if/for, ou un (, [, { ou un guillemet non fermé.`,
    unterminatedString: (line) => `Fermez la chaîne de caractères de la ligne ${line} avec le guillemet qui l’ouvre.`,
    tabError: (line) =>
      `La ligne ${line} mélange tabulations et espaces, contrairement aux lignes qui l’entourent : indentez tout le bloc de la même façon (4 espaces par niveau, c’est la convention en Python).`,
    unexpectedIndent: (line) =>
      `La ligne ${line} est plus indentée qu’elle ne devrait l’être : alignez-la sur la ligne du dessus, ou retirez l’indentation si elle n’est pas à l’intérieur d’un def, if, for ou class.`,
    unindent: (line) =>
      `La ligne ${line} est moins indentée que les lignes du dessus, mais pas au niveau d’un bloc englobant : alignez-la sur le bloc auquel elle appartient.`,
    expectedIndent: (line) => `La ligne ${line} doit être indentée d’un niveau de plus que la ligne terminée par ':' au-dessus d’elle.`,
  },
  noRoute: (file, route, found) => {
    const listed = found.map((r) => `${r.methods.join('/')} ${r.path} (ligne ${r.line})`).join(', ')
    return {
      message: listed
        ? `${file} ne déclare aucune route pour ${route.path} ; routes trouvées : ${listed}`
        : `${file} ne déclare aucune route : aucun décorateur comme ${decorator(route)} n’a été trouvé`,
      expected: `une fonction décorée avec ${decorator(route)}`,
      seen: listed ? `routes trouvées : ${listed}` : `aucun décorateur @${route.app}.get(...) / @${route.app}.post(...)`,
      fix: `Déclarez la route avec exactement ce chemin (majuscules et minuscules comptent, pas de / à la fin) : ${decorator(route)} sur la ligne au-dessus de \`def health():\`.`,
    }
  },
  wrongMethod: (route, declared, shown) => ({
    message: `${route.path} est déclaré pour ${declared.methods.join('/')} (ligne ${declared.line}), mais la vérification envoie un GET`,
    expected: `GET ${route.path}, déclaré avec ${decorator(route)}`,
    seen: shown,
    fix: `Utilisez @${route.app}.get au lieu de @${route.app}.${declared.methods[0]!.toLowerCase()} : un navigateur ou curl envoie un GET, et FastAPI répond 405 Method Not Allowed à un GET sur une route ${declared.methods.join('/')}.`,
  }),
  undefinedApp: (file, declared, createdAs, shown) => ({
    message: `${file} déclare sa route sur ${declared.object} (ligne ${declared.line}), mais ne définit aucune variable ${declared.object} : Python s’arrête sur NameError: name '${declared.object}' is not defined, et l’application ne démarre jamais`,
    expected: `${declared.object} = FastAPI() au-dessus de @${declared.object}.get(...)`,
    seen: shown.join('\n'),
    fix: createdAs
      ? `Votre objet FastAPI s’appelle ${createdAs} : nommez-le ${declared.object} (${declared.object} = FastAPI()), le nom qu’utilisent vos décorateurs.`
      : `Créez l’application avant d’y déclarer des routes : ${declared.object} = FastAPI(), après from fastapi import FastAPI.`,
  }),
  undefinedCallee: (file, created, app, shown) => ({
    message: `${file} appelle ${created.callee} (ligne ${created.line}), qu’il n’importe ni ne définit : Python s’arrête sur NameError: name '${created.callee}' is not defined, et l’application ne démarre jamais`,
    expected: `${created.name} = FastAPI() au-dessus de @${created.name}.get(...)`,
    seen: shown,
    fix: `Vérifiez l’orthographe par rapport à l’import : from fastapi import FastAPI, puis ${app} = FastAPI() (vous avez écrit ${created.callee}).`,
  }),
  appNotLoadable: (file, appModule, name, shown) => {
    const wanted = variableOf(appModule)
    return {
      message: `${file} nomme son objet FastAPI ${name}, mais uvicorn est lancé avec ${appModule} (le CMD que donne le TP) et n’y trouve pas ${wanted} : Error loading ASGI app`,
      expected: `${wanted} = FastAPI(), l’objet que charge uvicorn ${appModule}`,
      seen: shown,
      fix: `Renommez ${name} en ${wanted}, dans l’affectation et dans chaque décorateur (@${wanted}.get).`,
    }
  },
  wrongBody: {
    noReturn: (route, line, body, shown) => ({
      message: `la fonction de la route GET ${route.path} (ligne ${line}) n’a pas d’instruction return, donc FastAPI répond null`,
      expected: `return ${body}`,
      seen: shown,
      fix: `Terminez la fonction par : return ${body}`,
    }),
    returns: (route, returned, line, body, explanation, shown) => ({
      message: `GET ${route.path} renvoie ${returned} (ligne ${line}) au lieu de ${body}`,
      expected: `return ${body}`,
      seen: shown,
      fix: `${explanation ? `${explanation} ` : ''}Écrivez exactement : return ${body}`,
    }),
    unknown: 'Le correcteur ne sait lire qu’un dict écrit tel quel dans l’instruction return.',
    none: 'Un `return` seul (ou `return None`) fait répondre null à FastAPI.',
    notObject: (value, json) => `FastAPI transforme ${value} en JSON ${json}, qui n’est pas un objet JSON.`,
    missingKey: (key) => `la clé ${key} manque`,
    wrongValue: (key, got, want, caseOnly) => `${key} vaut ${got} au lieu de ${want}${caseOnly ? ' (majuscules et minuscules comptent)' : ''}`,
    unexpectedKey: (key) => `la clé ${key} n’est pas attendue`,
    inDict: (notes) => `Dans le dict renvoyé, ${notes.join(' ; ')}.`,
  },
}
