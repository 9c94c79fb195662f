from alignlearn.cli import main

# Guarded: where processes are spawned rather than forked (Windows), each worker of
# check's or the search index's pool imports this module again, and must not run the
# command a second time.
if __name__ == "__main__":
    raise SystemExit(main())
