import sys

import yaml


def main(path):
    with open(path) as fh:
        fixtures = yaml.load(fh, Loader=yaml.FullLoader)
    for name, rows in fixtures.items():
        print(name, len(rows))


if __name__ == "__main__":
    main(sys.argv[1])
