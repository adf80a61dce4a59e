{{%AUTOESCAPE context="XML"}}<dc:rights xmlns:dc="http://purl.org/dc/elements/1.1/">Licensed to {{NAME}} (order {{ORDER}}). Please do not share this copy.</dc:rights>
