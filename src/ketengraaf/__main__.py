from ketengraaf.cli import entry

entry()
