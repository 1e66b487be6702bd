import ast
from typing import List, Set

from stylekit.findings import Severity
from stylekit.rules.astutil import in_test_code
from stylekit.rules.base import Rule
from stylekit.rules.errors._shared import mentions

# Statements that end a branch of the dispatch: the listed error becomes a result or another exception.
EXIT_TYPES = (ast.Return, ast.Raise)


class UnhandledErrorFallthrough(Rule):
    id = "SK0751"
    name = "unhandled-error-fallthrough"
    pattern = "tooling.aws-interactions"
    # Warning: the reference code's ClientError handlers end in `else: raise ex` three times out of four;
    # the guide's own example drops it (ERRATA L590). Swallowing an unknown error is a bug, but the listed
    # cases are sometimes the only ones that can occur, which the rule cannot know.
    severity = Severity.WARNING
    summary = "An except block that dispatches on the caught error's code re-raises the codes it does not list."
    node_types = (ast.ExceptHandler,)

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.ExceptHandler)
        if node.name is None or not node.body or not isinstance(node.body[-1], ast.If):
            return
        chain = node.body[-1]
        if not _is_open_dispatch(chain, _names_for_error(node)) or in_test_code(self.ctx):
            return
        self.report_at(chain.lineno, chain.col_offset,
                       "End this if/elif chain with 'else: raise' so that an error it does not list is "
                       "re-raised instead of silently swallowed", chain.lineno,
                       len(self.ctx.line_text(chain.lineno).rstrip()))


def _names_for_error(handler: ast.ExceptHandler) -> Set[str]:
    """The caught error's name, and names the handler derives from it before the chain
    (`code = ex.response["Error"]["Code"]`)."""
    names = {handler.name} if handler.name is not None else set()
    for statement in handler.body[:-1]:
        if isinstance(statement, ast.Assign) and any(mentions(statement.value, name) for name in names):
            names |= {target.id for target in statement.targets if isinstance(target, ast.Name)}
    return names


def _is_open_dispatch(chain: ast.If, error_names: Set[str]) -> bool:
    """An if/elif chain whose first test reads the error, each branch returning or raising, and no final else."""
    if not any(mentions(chain.test, name) for name in error_names):
        return False
    branches: List[List[ast.stmt]] = []
    link = chain
    while True:
        branches.append(link.body)
        if len(link.orelse) == 1 and isinstance(link.orelse[0], ast.If):
            link = link.orelse[0]
            continue
        if link.orelse:
            return False  # a final else: the author decided what happens to the rest
        break
    return all(isinstance(body[-1], EXIT_TYPES) for body in branches)
