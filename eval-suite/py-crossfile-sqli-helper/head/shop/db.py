import sqlite3


def connect():
    return sqlite3.connect("shop.db")


def products_in(category):
    conn = connect()
    sql = "SELECT id, name FROM products WHERE category = '%s'" % category
    return conn.execute(sql).fetchall()
