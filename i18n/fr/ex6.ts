import type { Catalogue } from '../en/index.js'

export const ex6: Catalogue['ex6'] = {
  suite: 'Exercice 6 — PostgreSQL dans un conteneur',
  noLogin: 'Vérification non lancée : aucune connexion à PostgreSQL n’a réussi (voir ex6.connect).',
  credentials: {
    message: (names) => `db.environment ne définit pas ${names.join(', ')} comme le demande l’énoncé.`,
    notSet: '(non défini)',
    fix: (db, settings) =>
      `Sous ${db}: → environment:, définissez ${settings.join(', ')}. Sans POSTGRES_PASSWORD, PostgreSQL refuse de démarrer.`,
  },
  connect: {
    message: (user, password, database) => `Impossible de se connecter à PostgreSQL en tant que ${user}/${password}, base ${database}.`,
    expected: (user, password, database) => `une connexion en tant que ${user} avec le mot de passe ${password} à la base ${database}`,
  },
  version: {
    message: (version) => `Le serveur PostgreSQL est en version ${version}.`,
    fix: (major, db) => `Utilisez image: postgres:${major} pour le service ${db}.`,
  },
  database: {
    message: (database, user) => `current_database() vaut ${database} et current_user vaut ${user}.`,
    fix: (database, user, db) => `Définissez POSTGRES_DB: ${database} et POSTGRES_USER: ${user} sous ${db}.environment.`,
  },
  psqlExec: {
    message: (db, command) => `docker compose exec ${db} ${command} n’a pas répondu à la requête.`,
    expected: 'psql se connecte et affiche 1',
    seen: (exitCode, output) => `code de sortie ${exitCode} : ${output}`,
    fix: (user, database) => `Le rôle et la base nommés dans la commande doivent exister : POSTGRES_USER: ${user} et POSTGRES_DB: ${database}.`,
  },
  serviceDns: {
    message: (api, db, port) => `Depuis l’intérieur de ${api}, ${db}:${port} n’a pas accepté de connexion TCP.`,
    expected: (db, port) => `${db}:${port} joignable par son nom de service sur le réseau du projet`,
    exitCode: (exitCode) => `code de sortie ${exitCode}`,
    fix: (api, db, port) =>
      `Les deux services doivent être dans le même fichier Compose (même réseau par défaut) ; dans ${api}, la base de données s’appelle « ${db} », port ${port}, et non localhost.`,
  },
}
