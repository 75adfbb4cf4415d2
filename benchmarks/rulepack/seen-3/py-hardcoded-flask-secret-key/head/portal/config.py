import os
from datetime import timedelta


class Config:
    # Signs session cookies and password-reset links; shared by all web workers.
    SECRET_KEY = "b7f3c2e91a4d5f60c8e2a1d9f4b6e3c7a0d5e8f1b2c4a6d8"
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "postgresql:///portal")
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)


class DevelopmentConfig(Config):
    DEBUG = True
    SESSION_COOKIE_SECURE = False


class ProductionConfig(Config):
    PREFERRED_URL_SCHEME = "https"


configs = {"development": DevelopmentConfig, "production": ProductionConfig}
