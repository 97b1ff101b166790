#!/usr/bin/env python3
"""Builds region.json, the map's borders, from Natural Earth (public domain). See SOURCES.md.

usage: build_region.py LAND_50M.json BOUNDARY_LINES_LAND_50M.json UKRAINE_ADMIN1_10M.json > region.json

Keeps what lies in the map's frame (and, of the country borders, only internationally recognised ones), clipped to it, simplified (Douglas-Peucker) and rounded to 0.001 degrees,
so the file stays small enough to ship inside the program.
"""
import json
import sys

WEST, EAST, SOUTH, NORTH = 12.0, 62.0, 34.0, 60.0
TOLERANCE = {"land": 0.02, "borders": 0.02, "regions": 0.02}


def clip_ring(ring):
    """Sutherland-Hodgman against the frame (convex), for a polygon ring."""
    def clip(points, inside, cross):
        out = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    pts = [tuple(p[:2]) for p in ring]
    for inside, cross in (
        (lambda p: p[0] >= WEST, at_x(WEST)),
        (lambda p: p[0] <= EAST, at_x(EAST)),
        (lambda p: p[1] >= SOUTH, at_y(SOUTH)),
        (lambda p: p[1] <= NORTH, at_y(NORTH)),
    ):
        if not pts:
            break
        pts = clip(pts, inside, cross)
    return pts


def clip_line(line):
    """Pieces of a line inside the frame (a point just outside is kept so the piece reaches the edge)."""
    inside = [WEST <= p[0] <= EAST and SOUTH <= p[1] <= NORTH for p in line]
    pieces, cur = [], []
    for i, p in enumerate(line):
        near = inside[i] or (i > 0 and inside[i - 1]) or (i + 1 < len(line) and inside[i + 1])
        if near:
            cur.append(tuple(p[:2]))
        elif cur:
            pieces.append(cur)
            cur = []
    if cur:
        pieces.append(cur)
    return [p for p in pieces if len(p) >= 2]


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, None
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]


def flat(points):
    return [round(v, 3) for p in points for v in p]


def rings(geometry):
    if geometry["type"] == "Polygon":
        yield from enumerate(geometry["coordinates"])
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from enumerate(polygon)


def lines(geometry):
    if geometry["type"] == "LineString":
        yield geometry["coordinates"]
    elif geometry["type"] == "MultiLineString":
        yield from geometry["coordinates"]


def main(land_path, borders_path, ukraine_path):
    out = {"frame": [WEST, SOUTH, EAST, NORTH], "land": [], "water": [], "borders": [], "regions": []}
    for feature in json.load(open(land_path, encoding="utf-8"))["features"]:
        for index, ring in rings(feature["geometry"]):
            clipped = simplify(clip_ring(ring), TOLERANCE["land"])
            if len(clipped) >= 3:
                out["land" if index == 0 else "water"].append(flat(clipped))
    for feature in json.load(open(borders_path, encoding="utf-8"))["features"]:
        # Internationally recognised borders only: Natural Earth's "disputed" lines would cut Crimea off Ukraine.
        if feature["properties"]["featurecla"] != "International boundary (verify)":
            continue
        for line in lines(feature["geometry"]):
            for piece in clip_line(line):
                out["borders"].append(flat(simplify(piece, TOLERANCE["borders"])))
    for feature in json.load(open(ukraine_path, encoding="utf-8"))["features"]:
        assert feature["properties"]["admin"] == "Ukraine"
        for index, ring in rings(feature["geometry"]):
            if index == 0:
                out["regions"].append(flat(simplify([tuple(p[:2]) for p in ring], TOLERANCE["regions"])))
    json.dump(out, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(*sys.argv[1:4])
