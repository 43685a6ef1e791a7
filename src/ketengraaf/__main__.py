from ketengraaf.cli import main

main()
