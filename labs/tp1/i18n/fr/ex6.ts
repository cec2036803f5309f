import type { Tp1Catalogue as Catalogue } from '../en/index.js'
import { lab } from '../../../../core/i18n/fr/lab.js'

export const ex6: Catalogue['ex6'] = {
  credentials: (db, wanted, set) => {
    const wrong = Object.keys(wanted).filter((name) => set[name] !== wanted[name])
    const settings = Object.entries(wanted).map(([name, value]) => `${name}: ${value}`)
    return {
      message: `db.environment ne définit pas ${wrong.join(', ')} comme le demande l’énoncé.`,
      expected: settings.join(', '),
      seen: wrong.map((name) => `${name}: ${set[name] ?? '(non défini)'}`).join(', '),
      fix: `Sous ${db}: → environment:, définissez ${settings.join(', ')}. Sans POSTGRES_PASSWORD, PostgreSQL refuse de démarrer.`,
    }
  },
  connect: (login, failure, db) => ({
    message: `Impossible de se connecter à PostgreSQL en tant que ${login.user}/${login.password}, base ${login.database}.`,
    expected: `une connexion en tant que ${login.user} avec le mot de passe ${login.password} à la base ${login.database}`,
    ...lab.postgres(failure, login, db),
  }),
  version: (version, major, db) => ({
    message: `Le serveur PostgreSQL est en version ${version}.`,
    expected: `PostgreSQL ${major}`,
    seen: version,
    fix: `Utilisez image: postgres:${major} pour le service ${db}.`,
  }),
  database: (seen, wanted, db) => ({
    message: `current_database() vaut ${seen.database} et current_user vaut ${seen.user}.`,
    expected: `current_database() = ${wanted.database}, current_user = ${wanted.user}`,
    seen: `${seen.database}, ${seen.user}`,
    fix: `Définissez POSTGRES_DB: ${wanted.database} et POSTGRES_USER: ${wanted.user} sous ${db}.environment.`,
  }),
  psqlExec: (db, command, login, exitCode, output) => ({
    message: `docker compose exec ${db} ${command} n’a pas répondu à la requête.`,
    expected: 'psql se connecte et affiche 1',
    seen: `code de sortie ${exitCode} : ${output}`,
    fix: `Le rôle et la base nommés dans la commande doivent exister : POSTGRES_USER: ${login.user} et POSTGRES_DB: ${login.database}.`,
  }),
  serviceDns: (api, db, port, exitCode, error) => ({
    message: `Depuis l’intérieur de ${api}, ${db}:${port} n’a pas accepté de connexion TCP.`,
    expected: `${db}:${port} joignable par son nom de service sur le réseau du projet`,
    seen: error ?? `code de sortie ${exitCode}`,
    fix: `Les deux services doivent être dans le même fichier Compose (même réseau par défaut) ; dans ${api}, la base de données s’appelle « ${db} », port ${port}, et non localhost.`,
  }),
}
