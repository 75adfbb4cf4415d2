from shop.db import products_in


def nightly_report():
    return len(products_in("books"))
