from ikplan.cli import run

run()
