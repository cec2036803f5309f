# TODO: importer FastAPI
from fastapi import FastAPI

# TODO: créer l'application
app = FastAPI()


# TODO: route GET /health
@app.get("/health")
def health():
    return {"status": "ok"}
