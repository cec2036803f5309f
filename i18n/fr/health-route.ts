import type { Catalogue } from '../en/index.js'

export const healthRoute: Catalogue['healthRoute'] = {
  quote: (line, text) => `ligne ${line} : ${text}`,
  syntax: {
    message: (file, line, what) =>
      `${file} contient une erreur de syntaxe à la ligne ${line} (${what}) : Python ne peut pas l’importer, donc uvicorn ne peut pas démarrer l’application`,
    expected: (file) => `${file} est du Python valide`,
    fix: (hint, file) => `${hint} Lancez \`python -m py_compile ${file}\` pour voir le message d’erreur de Python lui-même.`,
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
  noRoute: {
    route: (methods, path, line) => `${methods} ${path} (ligne ${line})`,
    messageFound: (file, path, found) => `${file} ne déclare aucune route pour ${path} ; routes trouvées : ${found}`,
    messageNone: (file, decorator) => `${file} ne déclare aucune route : aucun décorateur comme ${decorator} n’a été trouvé`,
    expected: (decorator) => `une fonction décorée avec ${decorator}`,
    seenFound: (found) => `routes trouvées : ${found}`,
    seenNone: 'aucun décorateur @app.get(...) / @app.post(...)',
    fix: (decorator) =>
      `Déclarez la route avec exactement ce chemin (majuscules et minuscules comptent, pas de / à la fin) : ${decorator} sur la ligne au-dessus de \`def health():\`.`,
  },
  wrongMethod: {
    message: (path, methods, line) => `${path} est déclaré pour ${methods} (ligne ${line}), mais la vérification envoie un GET`,
    expected: (path, decorator) => `GET ${path}, déclaré avec ${decorator}`,
    fix: (method, methods) =>
      `Utilisez @app.get au lieu de @app.${method} : un navigateur ou curl envoie un GET, et FastAPI répond 405 Method Not Allowed à un GET sur une route ${methods}.`,
  },
  undefinedApp: {
    message: (file, name, line) =>
      `${file} déclare sa route sur ${name} (ligne ${line}), mais ne définit aucune variable ${name} : Python s’arrête sur NameError: name '${name}' is not defined, et l’application ne démarre jamais`,
    expected: (name) => `${name} = FastAPI() au-dessus de @${name}.get(...)`,
    fixRename: (created, name) => `Votre objet FastAPI s’appelle ${created} : nommez-le ${name} (${name} = FastAPI()), le nom qu’utilisent vos décorateurs.`,
    fixCreate: (name) => `Créez l’application avant d’y déclarer des routes : ${name} = FastAPI(), après from fastapi import FastAPI.`,
    callee: (file, callee, line) =>
      `${file} appelle ${callee} (ligne ${line}), qu’il n’importe ni ne définit : Python s’arrête sur NameError: name '${callee}' is not defined, et l’application ne démarre jamais`,
    fixCallee: (callee) => `Vérifiez l’orthographe par rapport à l’import : from fastapi import FastAPI, puis app = FastAPI() (vous avez écrit ${callee}).`,
  },
  appNotLoadable: {
    message: (file, wanted, name) =>
      `${file} nomme son objet FastAPI ${name}, mais uvicorn est lancé avec ${wanted}:${wanted} (le CMD que donne le TP) et n’y trouve pas ${wanted} : Error loading ASGI app`,
    expected: (wanted) => `${wanted} = FastAPI(), l’objet que charge uvicorn ${wanted}:${wanted}`,
    fix: (name, wanted) => `Renommez ${name} en ${wanted}, dans l’affectation et dans chaque décorateur (@${wanted}.get).`,
  },
  wrongBody: {
    noReturn: (path, line) => `la fonction de la route GET ${path} (ligne ${line}) n’a pas d’instruction return, donc FastAPI répond null`,
    endWith: (body) => `Terminez la fonction par : return ${body}`,
    message: (path, shown, line, body) => `GET ${path} renvoie ${shown} (ligne ${line}) au lieu de ${body}`,
    fix: (explanation, body) => `${explanation ? `${explanation} ` : ''}Écrivez exactement : return ${body}`,
    unknown: 'Le correcteur ne sait lire qu’un dict écrit tel quel dans l’instruction return.',
    none: 'Un `return` seul (ou `return None`) fait répondre null à FastAPI.',
    notObject: (value, json) => `FastAPI transforme ${value} en JSON ${json}, qui n’est pas un objet JSON.`,
    missingKey: (key) => `la clé ${key} manque`,
    wrongValue: (key, got, want, caseOnly) => `${key} vaut ${got} au lieu de ${want}${caseOnly ? ' (majuscules et minuscules comptent)' : ''}`,
    unexpectedKey: (key) => `la clé ${key} n’est pas attendue`,
    inDict: (notes) => `Dans le dict renvoyé, ${notes.join(' ; ')}.`,
  },
}
