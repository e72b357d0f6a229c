"""PolicyKG graph side: the store, building, linking, named queries, export, validation.

    from graph.store import open_store              # GraphStore: replace_graph, query, construct,
                                                    #   named_graphs, quads, dump (one writer per store)
    from graph.build import build                   # build(paths, store, jobs=1) -> BuildReport
    from graph.link import link                     # recompute the links graph (based_on/cites, stubs)
    from graph.queries import list_queries, run     # queries/*.rq with #+ headers; run(store, name, params)
    from graph.export import export, export_bytes   # sorted, deterministic snapshots
    from graph.validate import validate             # SHACL (ontology/shapes.ttl) -> ValidationReport

Modules are imported on demand (pySHACL is slow to import and only ``validate`` needs it).
"""
