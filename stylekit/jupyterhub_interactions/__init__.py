"""Everything the kit says to JupyterHub: the classroom's hub configuration, written for a course folder."""
