# TODO: importer FastAPI
from fastapi import ____

# TODO: créer l'application
app = ____


# TODO: route GET /health
