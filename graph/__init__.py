"""PolicyKG graph side: the store, building, linking, named queries, export, validation.

    from graph.store import open_store              # GraphStore: replace_graph, query, construct,
                                                    #   named_graphs, quads, dump; http(s) URLs -> remote.py
    from graph.publish import open_for_write, open_for_read   # the generation protocol
                                                    #   (docs/store_protocol.md): build a copy, switch atomically
    from graph.build import build                   # build(paths, store, jobs=1) -> BuildReport
    from graph.link import link                     # recompute the links graph: regions, parents (resolve.py),
                                                    #   inferred lineage (infer.py), measure alignment (align.py),
                                                    #   target cascade (cascade.py)
    from graph.stats import write_stats             # corpus-wide figures computed at build time
    from graph.lineage import documents_graph       # networkx views of lineage, GraphML
    from graph.queries import list_queries, run     # queries/*.rq with #+ headers; run(store, name, params)
    from graph.export import export, export_bytes   # sorted, deterministic snapshots (+ graph/snapshot.py manifest)
    from graph.validate import validate             # SHACL (ontology/shapes.ttl) -> ValidationReport

Modules are imported on demand (pySHACL is slow to import and only ``validate`` needs it).
"""
